import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites start real servers and open real files and databases; two workers fit this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
