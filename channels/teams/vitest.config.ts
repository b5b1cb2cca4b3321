import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // One process for every file: each no longer imports the package's module graph afresh (the
    // suites are pure functions and SDKs against local fakes each file starts and closes).
    isolate: false,
  },
});
