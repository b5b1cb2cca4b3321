import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const forbidden = [/^koa/, /^@koa\//, /^pg$/, /^@electric-sql\//, /^@slack\//, /^botbuilder/];
const dir = fileURLToPath(new URL('.', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('core/src/llm boundaries', () => {
  it('imports no server, database or channel package', () => {
    for (const file of sources(dir)) {
      const specifiers = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      for (const specifier of specifiers) {
        expect(
          forbidden.some((p) => p.test(specifier)),
          `${file} imports ${specifier}`,
        ).toBe(false);
      }
    }
  });

  it('keeps the fakes out of the production entry point', () => {
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).not.toContain('testing');
  });
});
