// mojibake: text that is UTF-8 read as Windows-1252 (`doesnâ€™t`).
import { repairMojibake } from '../core/text.js';
import { describeValue } from './helpers.js';
import { textFixRule } from './text-fix.js';

export const mojibake = textFixRule(
  'mojibake',
  'text fields are not UTF-8 read as Windows-1252 (doesnâ€™t instead of doesn’t)',
  (before) => `${describeValue(before)} looks like UTF-8 read as Windows-1252: expected ${describeValue(repairMojibake(before))}`,
);
