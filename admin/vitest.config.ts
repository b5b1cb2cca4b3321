import { defineConfig } from 'vitest/config';

// The browser suites (test/browser) drive the built admin in Chromium against the real server over
// PGlite, which starts real Postgres in WASM: seconds, not milliseconds, on a busy 2-core machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One process for every file, as in the server package: each suite no longer imports the
    // server's module graph and compiles PGlite's WebAssembly afresh. Suites keep no state between
    // files: each starts its own server on a fresh database and its own Chromium, and closes both.
    isolate: false,
  },
});
