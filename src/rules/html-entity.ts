// html-entity: text holding HTML entities (`&amp;`, `&#8217;`) instead of the characters.
import { decodeEntitiesFully } from '../core/text.js';
import { describeValue } from './helpers.js';
import { textFixRule } from './text-fix.js';

export const htmlEntity = textFixRule(
  'html-entity',
  'text fields hold characters, not HTML entities such as &amp; or &#8217;',
  (before) => `${describeValue(before)} contains HTML entities: expected ${describeValue(decodeEntitiesFully(before))}`,
);
