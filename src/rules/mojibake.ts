// mojibake: text that is UTF-8 read as Windows-1252 (`doesnâ€™t`).
import { decodeEntitiesFully, quoteChange, repairMojibake } from '../core/text.js';
import { textFixRule } from './text-fix.js';

// The repair the message names, and what shows the damage when the text as written does not:
// mojibake written as entities (`don&acirc;&#128;&#153;t`), or one an accent written apart completes (`A` + U+0303 `©`).
function repairAndWhen(before: string): { repaired: string; when: string } {
  const repaired = repairMojibake(before);
  if (repaired !== before) return { repaired, when: '' };
  const composed = before.normalize('NFC');
  const afterComposing = repairMojibake(composed);
  if (afterComposing !== composed) return { repaired: afterComposing, when: ' once its accents are composed (NFC)' };
  return { repaired: repairMojibake(decodeEntitiesFully(before)), when: ' once its HTML entities are read' };
}

export const mojibake = textFixRule('mojibake', 'text fields are not UTF-8 read as Windows-1252 (doesnâ€™t instead of doesn’t)', (before) => {
  const { repaired, when } = repairAndWhen(before);
  const [shownBefore, shownAfter] = quoteChange(before, repaired);
  return `${shownBefore} looks like UTF-8 read as Windows-1252${when}: expected ${shownAfter}`;
});
