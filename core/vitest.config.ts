import { defineConfig } from 'vitest/config';

// PGlite starts real Postgres in WASM: seconds, not milliseconds, on a busy 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
