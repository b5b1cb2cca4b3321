import { defineConfig } from 'vitest/config';

// `npm run soak`: the long resilience suites (full-size load, kill -9 crash safety, more fuzz cases).
export default defineConfig({
  test: {
    include: ['src/**/*.soak.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // The `clara` binary crash-safety spawns, built once from the sources (test/setup/clara-bin.ts).
    globalSetup: ['./test/setup/clara-bin.ts'],
  },
});
