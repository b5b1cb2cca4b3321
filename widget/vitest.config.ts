import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The *.browser.test.ts suites start the real server (PGlite: real Postgres in WASM, seconds on
    // a busy 2-core machine), as they did in the server package.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one Chromium; keep the 2-core machine calm.
    fileParallelism: false,
  },
});
