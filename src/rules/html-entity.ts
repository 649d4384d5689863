// html-entity: text holding HTML entities (`&amp;`, `&#8217;`) instead of the characters.
import { decodeEntities } from '../core/text.js';
import { describeValue } from './helpers.js';
import { textFixRule } from './text-fix.js';

export const htmlEntity = textFixRule(
  'html-entity',
  'text fields hold characters, not HTML entities such as &amp; or &#8217;',
  (before) => `${describeValue(before)} contains HTML entities: expected ${describeValue(decodeFully(before))}`,
);

// Decoded until nothing changes, as normalisation and --fix do: `&amp;amp;` is `&`, not `&amp;`.
function decodeFully(text: string): string {
  let current = text;
  for (let round = 0; round < 8; round++) {
    const next = decodeEntities(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}
