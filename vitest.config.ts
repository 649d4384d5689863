import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/setup-env.ts'],
    // The JSON report lets .ci/run print a one-line summary any CI can read.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
