// whitespace: text with leading, trailing, repeated or non-space whitespace (tabs, line breaks).
import { decodeEntitiesFully, repairMojibake, showInvisible, sliceWhole, SPACE_CHARS as SPACE } from '../core/text.js';
import { textFixRule } from './text-fix.js';

// What normalisation folds: spaces at either end, a run of two or more, or one that is a tab or a line break.
const FIRST_PROBLEM = new RegExp(`^[${SPACE}]+|[${SPACE}]{2,}|[\\t\\n\\v\\f\\r\\u2028\\u2029]|[${SPACE}]+$`);
const CONTEXT = 20;

// An ideographic space at either end, which normalisation trims (found without a regex, which
// would backtrack over a long run of them inside the text).
function ideographicEnd(text: string): { index: number; 0: string } | null {
  if (text.startsWith('\u3000')) return { index: 0, 0: '\u3000' };
  if (text.endsWith('\u3000')) return { index: text.length - 1, 0: '\u3000' };
  return null;
}

/** The text around the first place normalisation would fold, quoted, with what prints as nothing or a space written out. */
export function whitespaceSpot(text: string): string | null {
  const found = FIRST_PROBLEM.exec(text) ?? ideographicEnd(text);
  if (!found) return null;
  const start = Math.max(0, found.index - CONTEXT);
  const end = Math.min(text.length, found.index + found[0].length + CONTEXT);
  const window = showInvisible(sliceWhole(text, start, end)).replace(/[\n\v\f\r]/g, (c) => ({ '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' })[c]!);
  return `'${start > 0 ? '…' : ''}${window}${end < text.length ? '…' : ''}'`;
}

export const whitespace = textFixRule(
  'whitespace',
  'text fields have no leading or trailing whitespace, runs of spaces, tabs or line breaks',
  (before) => {
    const spot = whitespaceSpot(before);
    if (spot) return `has leading, trailing or repeated whitespace, tabs or line breaks (${spot}): expected single spaces between words`;
    // Spaces that only show once entities (`&nbsp;&nbsp;`) or mojibake are read: quoted as read.
    const read = whitespaceSpot(decodeEntitiesFully(repairMojibake(before)));
    const shown = read ? ` once its HTML entities are read (${read})` : '';
    return `has leading, trailing or repeated whitespace, tabs or line breaks${shown}: expected single spaces between words`;
  },
);
