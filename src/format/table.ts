// Borderless, width-fitted text tables. Cells are sanitised and truncated, never wrapped.
import { displayWidth, sanitizeForTerminal, truncate } from '../core/text.js';
import type { Palette } from './palette.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Narrowest the column may be squeezed to. */
  min?: number;
  /** Widest the column may grow. */
  max?: number;
  /** The column that gives up width first when the table is too wide (the title). */
  flex?: boolean;
  /** Colour for the column's cells. */
  colour?: (palette: Palette, text: string) => string;
  /**
   * When even at their minimums the columns do not fit, columns with a drop rank are left out,
   * highest first, before any is cut below its minimum (a heat column is worth less than a
   * readable title). Columns without one always stay.
   */
  dropRank?: number;
  /** Never cut short (numbers: one cut short reads as another); a table too narrow for it grows wider instead. */
  whole?: boolean;
}

const GAP = 2;
const HARD_CELL_LIMIT = 400;
/** Tables are never fitted narrower than this. */
export const MIN_TABLE_WIDTH = 20;

/** Share of the width the flex (title) column keeps before other columns give up theirs. */
const FLEX_SHARE = 0.4;

/**
 * Distributes a total width over columns. A column's max holds only while other columns need the
 * room: in a table that fits with room to spare, a capped column grows to its natural width.
 * The flex column (the title) first gives up what it has
 * beyond 40% of the width, then the other columns shrink, widest first, to their minimum (by
 * default their header's width), then the title shrinks to its own minimum, and as a last resort
 * the widest columns shrink below their minimums.
 */
export function fitWidths(natural: number[], columns: readonly Column[], total: number): number[] {
  const widths = natural.map((w, i) => Math.min(w, columns[i]!.max ?? HARD_CELL_LIMIT));
  const available = total - GAP * (columns.length - 1);
  // A column held to its max (a long provider name) takes room nothing else needs, in column order.
  let spare = available - widths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    const grow = Math.min(spare, Math.min(natural[i]!, HARD_CELL_LIMIT) - widths[i]!);
    if (grow <= 0) continue;
    widths[i]! += grow;
    spare -= grow;
  }
  let excess = widths.reduce((a, b) => a + b, 0) - available;
  const flexIndex = columns.findIndex((c) => c.flex);
  const minimum = (i: number) => (columns[i]!.whole ? Infinity : (columns[i]!.min ?? Math.min(displayWidth(columns[i]!.header), 8)));
  const shrinkFlexTo = (floor: number) => {
    if (excess <= 0 || flexIndex < 0) return;
    const cut = Math.min(excess, Math.max(0, widths[flexIndex]! - floor));
    widths[flexIndex]! -= cut;
    excess -= cut;
  };
  const shrinkWidest = (floorOf: (i: number) => number, includeFlex: boolean) => {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (!includeFlex && i === flexIndex) continue;
        if (widths[i]! > floorOf(i) && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest === -1) return;
      widths[widest]! -= 1;
      excess -= 1;
    }
  };
  if (flexIndex >= 0) shrinkFlexTo(Math.max(minimum(flexIndex), Math.floor(available * FLEX_SHARE)));
  shrinkWidest(minimum, false);
  if (flexIndex >= 0) shrinkFlexTo(minimum(flexIndex));
  // Last resort: the title down to a word, then every column alike (a date cut short is useless)
  // but the whole ones.
  if (flexIndex >= 0) shrinkFlexTo(Math.min(minimum(flexIndex), 8));
  shrinkWidest((i) => (columns[i]!.whole ? Infinity : 1), true);
  return widths;
}

/** The indexes of the columns to show: all, unless at their minimums they need more than `total` (see Column.dropRank). */
export function columnsThatFit(natural: readonly number[], columns: readonly Column[], total: number): number[] {
  const kept = columns.map((_, i) => i);
  const need = (i: number) => Math.min(natural[i]!, columns[i]!.min ?? Math.min(displayWidth(columns[i]!.header), 8));
  for (;;) {
    const width = kept.reduce((sum, i) => sum + need(i), 0) + GAP * (kept.length - 1);
    if (width <= total) return kept;
    let drop = -1;
    for (const [at, i] of kept.entries()) {
      const rank = columns[i]!.dropRank;
      if (rank !== undefined && (drop === -1 || rank > columns[kept[drop]!]!.dropRank!)) drop = at;
    }
    if (drop === -1) return kept;
    kept.splice(drop, 1);
  }
}

// A header of printable ASCII holding a dot (two checks: one regex for both backtracked on many dots).
const isDottedAscii = (header: string): boolean => header.includes('.') && /^[\x20-\x7e]*$/.test(header);

/** Renders rows of plain text as an aligned table no wider than `width` columns. */
export function renderTable(columns: readonly Column[], rows: readonly string[][], width: number, palette: Palette): string {
  const clean = rows.map((row) => columns.map((_, i) => truncate(sanitizeForTerminal(row[i] ?? ''), HARD_CELL_LIMIT)));
  // Each cell's width is measured once: a cell that fits its column keeps it, and only cells cut
  // short are measured again.
  const cellWidths = clean.map((row) => row.map((cell) => displayWidth(cell)));
  const natural = columns.map((column, i) => {
    let widest = displayWidth(column.header);
    for (const row of cellWidths) widest = Math.max(widest, row[i]!);
    return widest;
  });
  const total = Math.max(width, MIN_TABLE_WIDTH);
  const kept = columnsThatFit(natural, columns, total);
  if (kept.length < columns.length) {
    return renderTable(kept.map((i) => columns[i]!), rows.map((row) => kept.map((i) => row[i] ?? '')), width, palette);
  }
  const widths = fitWidths(natural, columns, total);
  // Padding is computed here with displayWidth: cli-table3 measures with its own string-width,
  // which counts marks and invisible characters (Devanagari vowel signs, U+2060) as one column
  // each, so rows holding them came out misaligned or wider than the terminal.
  const fitted = (cell: string, cellWidth: number, i: number): [string, number] => {
    if (cellWidth <= widths[i]! && widths[i]! >= 1) return [cell, cellWidth];
    const cut = truncate(cell, widths[i]!);
    return [cut, displayWidth(cut)];
  };
  const head = columns.map((column, i): [string, number] => {
    const headerWidth = displayWidth(column.header);
    if (headerWidth <= widths[i]! || !isDottedAscii(column.header) || widths[i]! < 2) return fitted(column.header, headerWidth, i);
    // A dotted header cut short keeps its end (`…PATH`, `…ES.ID`): columns under one object stay apart.
    const tail = column.header.slice(column.header.length - (widths[i]! - 1)).replace(/^\./, '');
    return [`…${tail}`, tail.length + 1];
  });
  const body = clean.map((row, r) => row.map((cell, i) => fitted(cell, cellWidths[r]![i]!, i)));
  const used = head.map(([, cellWidth]) => cellWidth);
  for (const row of body) row.forEach(([, cellWidth], i) => (used[i] = Math.max(used[i]!, cellWidth)));
  const line = (cells: ReadonlyArray<[string, number]>, style: (text: string, i: number) => string): string =>
    cells
      .map(([cell, cellWidth], i) => {
        const pad = ' '.repeat(Math.max(0, used[i]! - cellWidth));
        const text = cell === '' ? '' : style(cell, i);
        return columns[i]!.align === 'right' ? pad + text : text + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const lines = [line(head, (text) => palette.bold(text))];
  for (const row of body) lines.push(line(row, (text, i) => columns[i]!.colour?.(palette, text) ?? text));
  return lines.join('\n') + '\n';
}
