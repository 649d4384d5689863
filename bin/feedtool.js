#!/usr/bin/env node
// The feedtool executable: process-level concerns only (exit code, closed pipes).
const onPipeClosed = (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
};
process.stdout.on('error', onPipeClosed);
process.stderr.on('error', onPipeClosed);

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The one answer that needs no command table: start-up stays close to bare `node`.
  const { feedtoolVersion } = await import('../dist/version.js');
  process.stdout.write(`${feedtoolVersion()}\n`);
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(args);
}
