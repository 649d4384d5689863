// Signals during a step that must not stop half way (validate --fix): the step is told, and stops at its next safe point.
import { constants } from 'node:os';

const CAUGHT: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Thrown once a caught signal has stopped a command: the run ends with exit code 128 + the signal's number. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }

  /** The exit code a shell gives a command a signal stopped (130 for SIGINT). */
  get exitCode(): number {
    return 128 + (constants.signals[this.signal] ?? 0);
  }
}

/**
 * Runs `step` with an AbortSignal that SIGINT, SIGTERM and SIGHUP abort, instead of ending the
 * process at once; returns its result and the first signal caught, if any. Outside the step
 * those signals act as usual again.
 */
export async function catchingSignals<T>(step: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; caught: NodeJS.Signals | null }> {
  const controller = new AbortController();
  let caught: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    caught ??= signal;
    controller.abort();
  };
  for (const name of CAUGHT) process.on(name, onSignal);
  try {
    return { value: await step(controller.signal), caught };
  } finally {
    for (const name of CAUGHT) process.off(name, onSignal);
  }
}
