// Colour and width decisions for a command's output streams (chalk loads only for coloured output).
import { plainPalette, type Palette } from '../format/palette.js';

export { processContext, UsageError, type CommandContext } from './process.js';

/**
 * Whether to colour a stream: FORCE_COLOR wins (set and empty is on, as Node and chalk read it;
 * `0`/`false` off), then NO_COLOR (set and not empty, as no-color.org says), then whether it is a terminal.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/**
 * A palette for a stream, coloured only when colourEnabled says so. chalk is imported only
 * then: output for scripts (json, csv, pipes) never pays for loading it.
 */
export async function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Promise<Palette> {
  if (!colourEnabled(stream, env)) return plainPalette;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    enabled: true,
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    yellow: (t) => chalk.yellow(t),
    green: (t) => chalk.green(t),
    cyan: (t) => chalk.cyan(t),
    magenta: (t) => chalk.magenta(t),
    underline: (t) => chalk.underline(t),
  };
}

/** The width to fit tables to: the terminal's, else $COLUMNS, else 160. */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 160;
}
