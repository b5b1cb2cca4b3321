import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { serverBuildOptions } from '../../scripts/build-options.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `clara` binary the suites spawn (see `claraBin` in test/run-clara.ts). */
    claraBin: string;
  }
}

const serverDir = join(import.meta.dirname, '..', '..');

/**
 * Global setup: builds the `clara` binary the suites spawn, once per run, from the current sources
 * with `npm run build`'s esbuild options (what `npm start` runs), into its own folder under
 * node_modules (where the bundle's external imports resolve; server/dist is left to everyone
 * else's `clara`). Each spawn then starts in about a second instead of compiling the module graph
 * through tsx again (2–3 s a spawn, hundreds of spawns a run). With CLARA_FROM_SOURCE set the
 * suites run bin/clara.mjs over the sources through tsx, as before.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.CLARA_FROM_SOURCE) {
    project.provide('claraBin', join(serverDir, 'bin', 'clara.mjs'));
    return () => {};
  }
  const cache = join(serverDir, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'clara-test-bin-'));
  await build(serverBuildOptions(join(dir, 'dist'), serverDir));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(serverDir, 'bin', 'clara.mjs'), join(dir, 'bin', 'clara.mjs'));
  project.provide('claraBin', join(dir, 'bin', 'clara.mjs'));
  return () => rmSync(dir, { recursive: true, force: true });
}
