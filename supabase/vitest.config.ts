import { defineConfig } from 'vitest/config';

// PGlite starts real Postgres in WASM: seconds, not milliseconds, on a busy 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One process for every file, as in the server package: each file no longer imports the
    // drivers and compiles PGlite's WebAssembly afresh. Suites keep no state between files: each
    // opens its own database (a fresh one per file on native Postgres) and closes it; the umask an
    // embedded data directory sets is put back before each file (src/testing/vitest-process-state.ts).
    isolate: false,
    setupFiles: ['./src/testing/vitest-process-state.ts'],
  },
});
