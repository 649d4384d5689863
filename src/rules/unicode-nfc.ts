// unicode-nfc: text whose letters and accents are written apart (`Cafe` + U+0301) or as compatibility
// look-alikes (the ohm sign for Ω): the same text to read, but another to search, sort and compare.
import { textFixRule } from './text-fix.js';

const codePoints = (text: string): string => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
// A character with the combining marks that follow it.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/** The first character (with its marks) that NFC writes otherwise, as `é (U+0065 U+0301) → é (U+00E9)`; null when the text is in NFC. */
export function nfcSpot(text: string): string | null {
  for (const [cluster] of text.matchAll(CLUSTER)) {
    const composed = cluster.normalize('NFC');
    if (composed !== cluster) return `${cluster} (${codePoints(cluster)}) → ${composed} (${codePoints(composed)})`;
  }
  return null;
}

export const unicodeNfc = textFixRule(
  'unicode-nfc',
  'text fields are in Unicode NFC: a letter and its accent are one character, as search and sorting expect',
  (before) => `is not in Unicode NFC: ${nfcSpot(before) ?? 'its characters are written apart'}: expected the composed form, as search and sorting compare it`,
);
