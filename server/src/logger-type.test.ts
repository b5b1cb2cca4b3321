import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One logger type: core's `Logger` port (core/src/logger.ts). The server's pino logger implements
// it; only the composition root (logger.ts, runtime.ts) names pino's own type.
const root = join(import.meta.dirname, '..', '..');
const dirs = [
  'core/src',
  'supabase/src',
  'channels/web/src',
  'channels/slack/src',
  'channels/teams/src',
  'server/src',
];
const isTest = (path: string) => /\.(test|soak)\.tsx?$|(^|\/)(testing|test)\//.test(path);

function productFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' ? [] : productFiles(path);
    return /\.tsx?$/.test(name) && !isTest(path) ? [path] : [];
  });
}

/** Logger types a file declares: `interface XLogger`, or `type XLogger =` that is not a Pick of core's. */
export function loggerTypesIn(code: string): string[] {
  const declared = [
    ...code.matchAll(/\b(?:interface\s+(\w*Logger)\b|type\s+(\w*Logger)\s*=(?!\s*Pick<Logger,))/g),
  ];
  return declared.map((m) => m[1] ?? m[2] ?? '');
}

describe('one logger type', () => {
  const files = dirs.flatMap(productFiles);
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  it("is core's Logger: no other package declares a logger interface of its own", () => {
    expect(files.length).toBeGreaterThan(200);
    const found = files
      .filter((file) => file !== 'core/src/logger.ts')
      .flatMap((file) => loggerTypesIn(read(file)).map((name) => `${file}: ${name}`));
    expect(found).toEqual([]);
  });

  it("names pino's type only in the composition root", () => {
    const allowed = ['server/src/logger.ts', 'server/src/runtime.ts'];
    const found = files.filter((file) => !allowed.includes(file) && /from\s+['"]pino['"]/.test(read(file)));
    expect(found).toEqual([]);
  });

  it('would catch a second logger type', () => {
    expect(loggerTypesIn('export interface BoltLogger { warn(m: string): void }')).toEqual(['BoltLogger']);
    expect(loggerTypesIn('export type Logger = pino.Logger;')).toEqual(['Logger']);
    expect(loggerTypesIn("export type VaultLogger = Pick<Logger, 'info' | 'warn'>;")).toEqual([]);
    expect(loggerTypesIn("export type { Logger } from '@clara/core';")).toEqual([]);
  });
});
