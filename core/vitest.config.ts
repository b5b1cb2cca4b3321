import { defineConfig } from 'vitest/config';

// PGlite starts real Postgres in WASM: seconds, not milliseconds, on a busy 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One process for every file: each no longer imports the package's module graph afresh (the
    // suites are pure functions and SDKs against local fakes each file starts and closes).
    isolate: false,
  },
});
