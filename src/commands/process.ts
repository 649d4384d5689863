// What a command gets from the process: streams, environment, clock. Tests can pass their own.
import type { Writable } from 'node:stream';

export interface CommandContext {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  now: Date;
  /**
   * Told the exit code as soon as it is known, before the output is written: a reader that goes
   * away early (`| head`) ends the run, which must still exit with its result (validate's 1).
   */
  resultKnown?: (code: number) => void;
}

/** A user error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** The context of the running process. */
export function processContext(): CommandContext {
  const context = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: new Date(),
    resultKnown: (code: number) => {
      process.exitCode = code;
    },
  };
  // Opened only when read (`-`): opening it sets a pipe on fd 0 non-blocking, which the process
  // that shares the pipe (`… | (feedtool …; cat)`) would then fail to read. Not enumerable, so a
  // copy of the context (`{ ...context }`) does not open it either.
  Object.defineProperty(context, 'stdin', { get: () => process.stdin, enumerable: false });
  return context as unknown as CommandContext;
}

