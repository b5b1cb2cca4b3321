/** A native Postgres server for benchmarks that compare with it: the one the caller runs, or a throwaway one. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/test-postgres.sh', import.meta.url));

/**
 * The admin URL of a native Postgres 15 + pgvector server: `CLARA_TEST_DATABASE_URL` under
 * `scripts/test-postgres.sh run --`, else a cluster started with `scripts/test-postgres.sh start`
 * (stopped by `stop`), or null when that cannot start (Postgres not installed: see its `install`).
 */
export function nativePostgres(): { url: string; stop(): void } | null {
  if (process.env.CLARA_TEST_DATABASE_URL) return { url: process.env.CLARA_TEST_DATABASE_URL, stop() {} };
  let exports: string;
  try {
    exports = execFileSync(script, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return null;
  }
  const value = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(exports)?.[1];
  const url = value('CLARA_TEST_DATABASE_URL');
  const dir = value('CLARA_TEST_PG_DIR');
  if (!url || !dir) return null;
  // createNativeDatabase() reads it from the environment.
  process.env.CLARA_TEST_DATABASE_URL = url;
  return {
    url,
    stop() {
      execFileSync(script, ['stop', dir], { stdio: 'ignore' });
      delete process.env.CLARA_TEST_DATABASE_URL;
    },
  };
}
