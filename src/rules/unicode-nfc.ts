// unicode-nfc: text whose letters and accents are written apart (`Cafe` + U+0301) or as compatibility
// look-alikes (the ohm sign for Ω): the same text to read, but another to search, sort and compare.
import { decodeEntitiesFully, repairMojibake, showInvisible, showMarks } from '../core/text.js';
import { textFixRule } from './text-fix.js';

const codePoints = (text: string): string => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
// A character with the combining marks that follow it.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;
// Marks and invisible characters written out, so the two forms differ on screen too.
const shown = (text: string): string => showMarks(showInvisible(text));

/** The first character (with its marks, or the one after it that it joins) that NFC writes otherwise, as `e\u0301 (U+0065 U+0301) → é (U+00E9)`; null when the text is in NFC. */
export function nfcSpot(text: string): string | null {
  const clusters = [...text.matchAll(CLUSTER)].map(([cluster]) => cluster);
  const spot = (written: string, composed: string): string => `${shown(written)} (${codePoints(written)}) → ${shown(composed)} (${codePoints(composed)})`;
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i]!;
    const composed = cluster.normalize('NFC');
    if (composed !== cluster) return spot(cluster, composed);
    // A Hangul leading consonant and vowel (U+1100 U+1161) are no marks, yet compose together.
    const next = clusters[i + 1];
    if (next === undefined || next.normalize('NFC') !== next) continue;
    const pair = cluster + next;
    if (pair.normalize('NFC') !== pair) return spot(pair, pair.normalize('NFC'));
  }
  return null;
}

export const unicodeNfc = textFixRule(
  'unicode-nfc',
  'text fields are in Unicode NFC: a letter and its accent are one character, as search and sorting expect',
  // Decomposed text can also come from an entity (`Cafe&#769;`) or from mojibake once repaired.
  (before) =>
    `is not in Unicode NFC: ${nfcSpot(before) ?? nfcSpot(decodeEntitiesFully(before)) ?? nfcSpot(repairMojibake(decodeEntitiesFully(before))) ?? 'its characters are written apart'}: expected the composed form, as search and sorting compare it`,
);
