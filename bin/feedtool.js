#!/usr/bin/env node
// The feedtool executable: process-level concerns only (exit code, closed pipes, failed writes).
const WRITE_FAILURES = { ENOSPC: 'no space left on device', EIO: 'input/output error', EDQUOT: 'disk quota exceeded', EFBIG: 'file too large' };

/** On stdout, a reader that went away (`| head`) ends the run quietly; any other failed write ends it with one line and exit code 2. */
const onOutputError = (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const reason = WRITE_FAILURES[error?.code] ?? (error?.code ? `${error.code}` : String(error?.message ?? error));
  try {
    process.stderr.write(`feedtool: cannot write the output: ${reason}\n`);
  } catch {
    // stderr failing too leaves only the exit code to tell.
  }
  process.exit(2);
};
process.stdout.on('error', onOutputError);
// Messages that cannot be written are lost, but the data and the exit code are not.
process.stderr.on('error', () => {});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The one answer that needs no command table: start-up stays close to bare `node`.
  const { feedtoolVersion } = await import('../dist/version.js');
  process.stdout.write(`${feedtoolVersion()}\n`);
} else {
  const { main, interruptedBy } = await import('../dist/cli.js');
  process.exitCode = await main(args);
  // Stopped by Ctrl-C between two files (validate --fix): die of the signal, as a shell expects,
  // so a loop or script running feedtool stops too. The exit code above is the fallback.
  const signal = interruptedBy();
  if (signal) process.kill(process.pid, signal);
}
