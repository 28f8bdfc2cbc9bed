import { defineConfig } from 'vitest/config';

// The abuse suite: each attack of README "Security" replayed against the app as a real process on a
// PostgreSQL cluster of its own, from loopback addresses only, while a legitimate user works.
export default defineConfig({
  test: {
    include: ['tests/abuse/**/*.abuse.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
