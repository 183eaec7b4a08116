import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Records written asynchronously (conversation records within 1 s) are awaited, not timed: a busy
    // machine may take longer, and speed is the bench's business.
    expect: { poll: { timeout: 10_000 } },
    // Suites start real servers and open real files and databases; two workers fit this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
