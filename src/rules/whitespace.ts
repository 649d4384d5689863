// whitespace: text with leading, trailing, repeated or non-space whitespace (tabs, line breaks).
import { decodeEntitiesFully, repairMojibake, showValue, sliceWhole, SPACE_CHARS as SPACE } from '../core/text.js';
import { textFixRule } from './text-fix.js';

// What normalisation folds: spaces at either end, a run of two or more, or one that is a tab or a line break.
const FIRST_PROBLEM = new RegExp(`^[${SPACE}]+|[${SPACE}]{2,}|[\\t\\n\\v\\f\\r\\u2028\\u2029]|[${SPACE}]+$`);
const CONTEXT = 20;

/** The text around the first place normalisation would fold, quoted, with what prints as nothing or a space written out. */
export function whitespaceSpot(text: string): string | null {
  // Or an ideographic space at either end, which normalisation trims (found without a regex,
  // which would backtrack over a long run of them inside the text).
  const found = FIRST_PROBLEM.exec(text);
  const [at, length] = found ? [found.index, found[0].length] : text.startsWith('\u3000') ? [0, 1] : text.endsWith('\u3000') ? [text.length - 1, 1] : [-1, 0];
  if (at === -1) return null;
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(text.length, at + length + CONTEXT);
  return `'${start > 0 ? '…' : ''}${showValue(sliceWhole(text, start, end))}${end < text.length ? '…' : ''}'`;
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
