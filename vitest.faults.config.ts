import { defineConfig } from 'vitest/config';

// The fault suite: real processes, a PostgreSQL cluster of its own per file, killed and restarted.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
