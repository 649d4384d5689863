// mojibake: text that is UTF-8 read as Windows-1252 (`doesnâ€™t`).
import { decodeEntitiesFully, repairMojibake } from '../core/text.js';
import { describeValue } from './helpers.js';
import { textFixRule } from './text-fix.js';

export const mojibake = textFixRule('mojibake', 'text fields are not UTF-8 read as Windows-1252 (doesnâ€™t instead of doesn’t)', (before) => {
  const repaired = repairMojibake(before);
  if (repaired !== before) return `${describeValue(before)} looks like UTF-8 read as Windows-1252: expected ${describeValue(repaired)}`;
  // Mojibake written as entities (`don&acirc;&#128;&#153;t`) shows once they are read.
  return `${describeValue(before)} looks like UTF-8 read as Windows-1252 once its HTML entities are read: expected ${describeValue(repairMojibake(decodeEntitiesFully(before)))}`;
});
