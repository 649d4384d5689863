#!/usr/bin/env node
// The feedtool executable: process-level concerns only (exit code, closed pipes).
const onPipeClosed = (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
};
process.stdout.on('error', onPipeClosed);
process.stderr.on('error', onPipeClosed);

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
