// The colours a formatter may use, passed in so formatters stay pure and chalk stays out of the core.

/** Styling functions; the plain palette returns text unchanged. */
export interface Palette {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
  underline(text: string): string;
}

const same = (text: string) => text;

/** A palette that adds no colour. */
export const plainPalette: Palette = {
  enabled: false,
  bold: same,
  dim: same,
  red: same,
  yellow: same,
  green: same,
  cyan: same,
  magenta: same,
  underline: same,
};
