// Which correct texts text repair cannot be expected to restore after damage (README: mojibake limits).
import { isAmbiguousWhenDamaged } from '../../src/core/text.js';

/** True when every non-ASCII character of `text` is one whose damage, alone, is ambiguous. */
export function onlyAmbiguousDamage(text: string): boolean {
  const wide = [...text].filter((char) => char.codePointAt(0)! > 0x7f);
  return wide.length > 0 && wide.every(isAmbiguousWhenDamaged);
}
