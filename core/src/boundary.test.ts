import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// core/ is the inner ring: no channel SDK, HTTP framework or database driver may enter it.
const forbidden = [
  /^@slack\//,
  /^botbuilder/,
  /^koa$/,
  /^@koa\//,
  /^pg$/,
  /^pg-/,
  /^@electric-sql\//,
  /^react/,
  /^@supabase\//,
  /^@clara\/(supabase|server|channel-)/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(code: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of code.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3] ?? '');
  return specifiers;
}

describe('core dependency boundary', () => {
  const root = join(import.meta.dirname, '..');
  const files = sourceFiles(join(root, 'src'));

  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports no channel SDK, HTTP framework or database driver', () => {
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => forbidden.some((f) => f.test(spec)))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('declares no such dependency in its package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    expect(deps.filter((d) => forbidden.some((f) => f.test(d)))).toEqual([]);
  });

  it('would catch a forbidden import', () => {
    const sample =
      "import Koa from 'koa';\nimport { App } from '@slack/bolt';\nconst pg = await import('pg');";
    expect(importsOf(sample).filter((s) => forbidden.some((f) => f.test(s)))).toEqual([
      'koa',
      '@slack/bolt',
      'pg',
    ]);
  });
});
