import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Test files run side by side on a shared machine: there, a lagging event loop says the machine
    // is busy, not that the server under test is overloaded, and a 503 from it would fail a test at
    // random. Admission by requests in flight and by pool wait stays on (test/server/load.test.ts).
    env: { FUPIN_MAX_EVENT_LOOP_DELAY_MS: '0' },
  },
});
