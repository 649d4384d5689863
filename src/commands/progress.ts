// A one-line progress counter on stderr for long runs, only when stderr is a terminal (never in CI or pipes).
import { fstatSync } from 'node:fs';
import { groupDigits } from '../core/count.js';
import type { CommandContext } from './process.js';

const FIRST_DRAW_AFTER_MS = 500;
const REDRAW_EVERY_MS = 100;

/**
 * True when a stream writes to a pipe or a socket: another program reads it, and may draw on the
 * same terminal (`feedtool list | less`), where a progress line would land in its screen.
 */
export function writesToPipe(stream: unknown): boolean {
  const fd = (stream as { fd?: unknown } | null)?.fd;
  if (typeof fd !== 'number') return false;
  try {
    const info = fstatSync(fd);
    return info.isFIFO() || info.isSocket();
  } catch {
    return false;
  }
}

/**
 * Counts work done and shows it on stderr now and then; a no-op unless stderr is an interactive
 * terminal and stdout goes to no pipe.
 */
export class Progress {
  private count = 0;
  private lastDraw: number;
  private drawn = false;
  private readonly enabled: boolean;

  constructor(
    private readonly context: Pick<CommandContext, 'stderr' | 'env'> & { stdout?: unknown },
    /** What is counted, in the singular (`file`); the plural adds an s. */
    private readonly noun: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    const env = context.env;
    this.enabled = context.stderr.isTTY === true && !env.CI && env.TERM !== 'dumb' && !writesToPipe(context.stdout);
    this.lastDraw = clock() + FIRST_DRAW_AFTER_MS - REDRAW_EVERY_MS;
  }

  /** Records one more item done; redraws the line when enough time has passed. */
  tick(): void {
    this.count++;
    if (!this.enabled) return;
    const now = this.clock();
    if (now - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = now;
    this.drawn = true;
    this.context.stderr.write(`\r\x1b[Kfeedtool: ${groupDigits(this.count)} ${this.noun}${this.count === 1 ? '' : 's'} read…`);
  }

  /** Clears the line, if one was drawn. */
  done(): void {
    if (this.drawn) this.context.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}
