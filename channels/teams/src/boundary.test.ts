import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const forbidden = ['@clara/server', '@clara/supabase', 'koa', '@koa/router', 'pg', '@electric-sql/pglite'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('@clara/channel-teams boundary', () => {
  it('depends on the core and botbuilder, not on the server, the database or Koa', () => {
    for (const file of sources(join(import.meta.dirname))) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const name of imports) expect(forbidden, `${file} imports ${name}`).not.toContain(name);
    }
  });
});
