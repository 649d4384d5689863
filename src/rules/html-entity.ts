// html-entity: text holding HTML entities (`&amp;`, `&#8217;`) instead of the characters.
import { decodeEntitiesFully, quoteChange } from '../core/text.js';
import { textFixRule } from './text-fix.js';

export const htmlEntity = textFixRule('html-entity', 'text fields hold characters, not HTML entities such as &amp; or &#8217;', (before) => {
  const [shownBefore, shownAfter] = quoteChange(before, decodeEntitiesFully(before));
  return `${shownBefore} contains HTML entities: expected ${shownAfter}`;
});
