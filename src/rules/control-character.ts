// control-character: text holding control, bidi or invisible zero-width characters.
import { decodeEntitiesFully } from '../core/text.js';
import { textFixRule } from './text-fix.js';

// With the u flag a surrogate pair is one code point: only half a pair alone matches \uD800-\uDFFF.
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

// The distinct characters named in a message; more are marked with `, …`.
const NAMED = 3;

function codePoints(text: string): string {
  const found = [...new Set(text.match(CONTROL) ?? [])];
  const named = found.slice(0, NAMED).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return found.length > NAMED ? `${named.join(', ')}, …` : named.join(', ');
}

export const controlCharacter = textFixRule(
  'control-character',
  'text fields hold no control characters, bidi overrides, invisible zero-width characters or half surrogate pairs',
  (before) => {
    const found = codePoints(before);
    // Written as an entity (`&#8203;`), the character appears once the entities are decoded.
    const encoded = found ? '' : codePoints(decodeEntitiesFully(before));
    const named = found ? ` (${found})` : encoded ? ` (${encoded}, written as HTML entities)` : '';
    return `contains control or invisible characters${named}: expected printable text only`;
  },
);
