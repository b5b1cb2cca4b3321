import { defineConfig } from 'vitest/config';

// `npm run soak`: the long resilience suites (full-size load, kill -9 crash safety, more fuzz cases).
export default defineConfig({
  test: {
    include: ['src/**/*.soak.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
