import { configDefaults, defineConfig } from 'vitest/config';

/**
 * On the native-Postgres pass (`CLARA_TEST_DATABASE=postgres`, CI's second run of this suite)
 * these files would only repeat the first run: they never open the test database (each runs the
 * real binary on its own embedded data directory, on a temporary database of its own or on a
 * DATABASE_URL where nothing answers), or they drive the admin and widget in Chromium,
 * whose database paths the API suites already cover on both databases.
 */
const sameOnEveryDatabase = [
  '**/*.browser.test.ts',
  'src/cli/channel-config-disabled.test.ts',
  'src/cli/cli-usage.test.ts',
  'src/cli/cli.test.ts',
  'src/cli/data-dir-lock.test.ts',
  'src/cli/data-dir-unwritable.test.ts',
  'src/cli/eval-command.test.ts',
  'src/cli/eval-queries-file.test.ts',
  'src/cli/eval-with-key.test.ts',
  'src/cli/keys-verify-exit.test.ts',
  'src/cli/missing-master-key.test.ts',
  'src/cli/owner-invite-database-down.test.ts',
  'src/cli/owner-invite-existing.test.ts',
  'src/cli/owner-invite-stopped.test.ts',
  'src/cli/owner-invite-url.test.ts',
  'src/cli/public-url-required.test.ts',
  'src/cli/serve-shutdown.test.ts',
  'src/cli/slack-manifest-no-db.test.ts',
  'src/cli/staged-key-files.test.ts',
  'src/cli/usage-before-database.test.ts',
  'src/config/all-problems.test.ts',
  'src/lifecycle/exit-watchdog.test.ts',
  'src/lifecycle/crash-unanswered.test.ts',
];
const nativePass = process.env.CLARA_TEST_DATABASE === 'postgres';

// PGlite starts real Postgres in WASM: seconds, not milliseconds, on a busy 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // One process for every file (vitest's forks pool, one worker on CI's two cores): each file
    // no longer imports the server's module graph and compiles PGlite's WebAssembly afresh, about
    // 2 s a file. Suites keep no state between files: each starts its own server on a fresh
    // database and closes it (measured with --no-isolate, every suite passes).
    isolate: false,
    setupFiles: ['./test/setup/process-state.ts'],
    // Builds the `clara` binary the CLI suites spawn, once per run (test/setup/clara-bin.ts).
    globalSetup: ['./test/setup/clara-bin.ts'],
    hookTimeout: 120_000,
    exclude: nativePass ? [...configDefaults.exclude, ...sameOnEveryDatabase] : configDefaults.exclude,
  },
});
