import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules, read from the sources: where SQL may live, what each ring may import, and
// that test code stays out of what ships. Paths are relative to the repository root.
const root = join(import.meta.dirname, '..', '..');

/** Test code: suites, soak runs, kits and the folders that hold only test support. */
const testSupport = [
  /\.(test|soak)\.tsx?$/,
  /-test-kit\.ts$/,
  // A package's exported kit (`@clara/<pkg>/testing`) or its `test/` folder (server/test: the test
  // server, the Slack and Teams kits, the resilience harness, the widget's Playwright drivers).
  /(^|\/)(testing|test)\//,
];
const isTestSupport = (path: string) => testSupport.some((p) => p.test(path));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const productFiles = (dir: string) => sourceFiles(dir).filter((f) => !isTestSupport(f));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The module specifiers a file imports, re-exports or loads dynamically. */
export function importsOf(code: string): string[] {
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...code.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Whether code reads the process environment (`process.env`, or `env` taken from `process`). */
export const readsEnv = (code: string) =>
  /\bprocess\s*\.\s*env\b|\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/.test(withoutComments(code));

/** SQL in code: a statement keyword in a string, or a call of a SqlExecutor's `query`/`exec`. */
export function sqlIn(code: string): string[] {
  const found: string[] = [];
  const statement =
    /['"`][^'"`]*?\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+[\w.]+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|ANALYZE\s+\w)/g;
  for (const m of withoutComments(code).matchAll(statement)) found.push(m[1] ?? '');
  for (const m of withoutComments(code).matchAll(/\b(?:db|tx|sql|database)\s*\.\s*(query|exec)\s*[<(]/g))
    found.push(m[0]);
  return found;
}

const httpFramework = [/^koa$/, /^koa-/, /^@koa\//, /^express$/, /^fastify$/, /^hono$/];
const channelSdk = [/^@slack\//, /^botbuilder/, /^botframework-/];
const databaseDriver = [/^pg$/, /^pg-/, /^@electric-sql\//, /^@supabase\//, /^@clara\/supabase/];

/** A test kit: a `testing` entry of a package, a kit file, or a test-support folder. */
const testKit = [
  /^@clara\/testkit(\/|$)/,
  /^@clara\/[\w-]+\/testing$/,
  /(^|\/)testing(\/|$)/,
  /(^|\/)test(\/|$)/,
  /-test-kit$/,
];

/** The workspaces of the root package.json, each with its package.json. */
const workspaces = (): { dir: string; pkg: Record<string, Record<string, string> | undefined> }[] =>
  (JSON.parse(read('package.json')).workspaces as string[]).map((dir) => ({
    dir,
    pkg: JSON.parse(read(`${dir}/package.json`)),
  }));

function offenders(files: string[], forbidden: RegExp[]): string[] {
  return files.flatMap((file) =>
    importsOf(read(file))
      .filter((spec) => forbidden.some((f) => f.test(spec)))
      .map((spec) => `${file} imports ${spec}`),
  );
}

const channelDirs = ['channels/web/src', 'channels/slack/src', 'channels/teams/src'];
const packageDirs = ['core/src', 'supabase/src', ...channelDirs, 'server/src'];
/** What runs in a browser: it knows the server only through the HTTP contract. */
const browserDirs = ['admin/src', 'widget/src'];

/** Another package's sources by relative path, or any Clara package but the contract (and its markdown parser). */
const serverInternals = [
  /^(\.\.\/)+(core|supabase|channels|server|admin|widget|contract|bench)\//,
  /^@clara\/(?!contract(\/markdown)?$)/,
];

/** A relative import that climbs out of bench into another package (bench imports packages by name). */
const intoAnotherPackage = /^(\.\.\/)+(core|supabase|channels|server|admin|widget|contract)\//;

/** `import`/`export … from '@clara/contract'` statements that are not type-only (they would be bundled). */
export function valueImportsOfContract(code: string): string[] {
  return [...code.matchAll(/\b(import|export)\s+(type\s+)?[^'";]*?from\s*['"]@clara\/contract['"]/g)]
    .filter((m) => !m[2])
    .map((m) => m[0]);
}

describe('architecture boundaries', () => {
  it('server/src holds no SQL outside tests (queries live in @clara/supabase repositories)', () => {
    const files = productFiles('server/src');
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => sqlIn(read(file)).map((sql) => `${file}: ${sql}`));
    expect(found).toEqual([]);
  });

  it('core imports no channel SDK, HTTP framework or database driver', () => {
    const files = productFiles('core/src');
    expect(files.length).toBeGreaterThan(10);
    expect(offenders(files, [...channelSdk, ...httpFramework, ...databaseDriver])).toEqual([]);
  });

  // Channels speak the web-standard contract (`handle(request): Promise<Response>`); the server
  // mounts them with one bridge (server/src/http/mount-channel.ts).
  it('channels import no HTTP framework, in code or in their package.json', () => {
    expect(offenders(channelDirs.flatMap(sourceFiles), httpFramework)).toEqual([]);
    const declared = channelDirs.flatMap((dir) => {
      const pkg = JSON.parse(read(dir.replace(/\/src$/, '/package.json')));
      return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies })
        .filter((name) => httpFramework.some((f) => f.test(name)) || name === '@types/koa')
        .map((name) => `${dir} declares ${name}`);
    });
    expect(declared).toEqual([]);
  });

  // Configuration is read once: server/src/config/load-config.ts parses the environment with zod
  // (`loadConfig`, `loadEvalConfig`) and the composition root passes what it read down. Outside
  // the product: bin/ launchers, tests and test kits (they set up child processes and databases).
  it('no product file reads process.env but server/src/config/load-config.ts', () => {
    const files = [...packageDirs, 'contract/src', ...browserDirs].flatMap(productFiles);
    const found = files.filter((file) => file !== 'server/src/config/load-config.ts' && readsEnv(read(file)));
    expect(found).toEqual([]);
    expect(readsEnv(read('server/src/config/load-config.ts'))).toBe(true);
  });

  it('no product file (a non-test file under any package src/) imports a test kit', () => {
    const srcDirs = workspaces()
      .filter(({ dir }) => dir !== 'testkit' && existsSync(join(root, dir, 'src')))
      .map(({ dir }) => `${dir}/src`);
    expect(srcDirs).toEqual(expect.arrayContaining([...packageDirs, 'contract/src', ...browserDirs]));
    const files = srcDirs.flatMap(productFiles);
    expect(files.length).toBeGreaterThan(300);
    expect(offenders(files, testKit)).toEqual([]);
  });

  // The test kit and server/test hold fakes, browsers and test servers; what ships never loads them.
  it('@clara/testkit is only ever a devDependency, and server/src has no test support left in it', () => {
    const asDependency = workspaces().flatMap(({ dir, pkg }) =>
      ['dependencies', 'peerDependencies', 'optionalDependencies']
        .filter((field) => pkg[field]?.['@clara/testkit'] !== undefined)
        .map((field) => `${dir} lists @clara/testkit in ${field}`),
    );
    expect(asDependency).toEqual([]);
    const users = workspaces().filter(({ pkg }) => pkg.devDependencies?.['@clara/testkit'] !== undefined);
    expect(users.map((w) => w.dir)).toEqual(
      expect.arrayContaining(['server', 'admin', 'widget', 'channels/slack', 'channels/teams', 'bench']),
    );
    const kits = sourceFiles('server/src').filter((f) => isTestSupport(f) && !/\.(test|soak)\.tsx?$/.test(f));
    expect(kits).toEqual([]);
  });

  it('the contract depends on zod alone; admin and widget import it, not server internals', () => {
    const contract = productFiles('contract/src');
    expect(contract.length).toBeGreaterThan(5);
    const foreign = contract.flatMap((file) =>
      importsOf(read(file))
        .filter((spec) => !spec.startsWith('./') && !spec.startsWith('../') && spec !== 'zod/mini')
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(foreign).toEqual([]);
    const browser = browserDirs.flatMap(sourceFiles);
    expect(browser.length).toBeGreaterThan(50);
    expect(offenders(browser, serverInternals)).toEqual([]);
    expect(
      browser.filter((file) => importsOf(read(file)).includes('@clara/contract')).length,
    ).toBeGreaterThan(10);
  });

  // The admin's and the widget's browser suites (admin/test, widget/test) start the real server, so
  // those packages depend on @clara/server; the server finds their built files at run time instead
  // (server/src/http/built-apps.ts), or the workspace graph would have a cycle.
  it('the server does not depend on the admin or the widget; their suites use its public entries', () => {
    const server = JSON.parse(read('server/package.json'));
    const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap(
      (field) =>
        ['@clara/admin', '@clara/widget']
          .filter((name) => server[field]?.[name] !== undefined)
          .map((name) => `server lists ${name} in ${field}`),
    );
    expect(declared).toEqual([]);
    const naming = productFiles('server/src').filter(
      (file) => file !== 'server/src/http/built-apps.ts' && /['"`]@clara\/(admin|widget)\b/.test(read(file)),
    );
    expect(naming).toEqual([]);
    const suites = ['admin/test', 'widget/test'].flatMap(sourceFiles);
    expect(suites.filter((f) => f.endsWith('.browser.test.ts')).length).toBeGreaterThanOrEqual(16);
    const entries = Object.keys(server.exports).map((key) => key.replace(/^\./, '@clara/server'));
    const deep = suites.flatMap((file) =>
      importsOf(read(file))
        .filter(
          (spec) =>
            intoAnotherPackage.test(spec) || (spec.startsWith('@clara/server') && !entries.includes(spec)),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(deep).toEqual([]);
  });

  it('the widget imports only types from the contract, and the markdown parser, which imports nothing', () => {
    const found = sourceFiles('widget/src').flatMap((file) =>
      valueImportsOfContract(read(file)).map((statement) => `${file}: ${statement}`),
    );
    expect(found).toEqual([]);
    // The one markdown parser (@clara/contract/markdown) is bundled into the widget: no zod with it.
    expect(importsOf(read('contract/src/markdown.ts'))).toEqual([]);
    const parser = sourceFiles('widget/src').filter((file) =>
      importsOf(read(file)).includes('@clara/contract/markdown'),
    );
    expect(parser.length).toBeGreaterThan(0);
  });

  it('bench imports other packages by their names, never by a relative path into their sources', () => {
    const files = sourceFiles('bench');
    expect(files.length).toBeGreaterThan(20);
    expect(offenders(files, [intoAnotherPackage])).toEqual([]);
  });

  it('would catch each kind of offence', () => {
    expect(sqlIn("await tx.query('SELECT id FROM workspaces WHERE id = $1', [id]);").length).toBeGreaterThan(
      0,
    );
    expect(sqlIn('const q = `UPDATE qa_pairs SET is_active = false`;').length).toBeGreaterThan(0);
    expect(sqlIn('// a comment about SELECT … FOR UPDATE\nconst x = 1;')).toEqual([]);
    expect(sqlIn('const m = /^x$/.exec(line); ctx.query.page;')).toEqual([]);
    expect(readsEnv('const port = process.env.PORT;')).toBe(true);
    expect(readsEnv('const { env } = process;')).toBe(true);
    expect(readsEnv('// process.env is read in config.ts\nconst x = config.port;')).toBe(false);
    expect(importsOf("import Koa from 'koa';\nconst pg = await import('pg');")).toEqual(['koa', 'pg']);
    expect(isTestSupport('server/test/test-server.ts')).toBe(true);
    expect(isTestSupport('server/src/widget/widget-page.ts')).toBe(false);
    expect(isTestSupport('server/src/channels/slack-routes.ts')).toBe(false);
    expect(testKit.some((k) => k.test('@clara/supabase/testing'))).toBe(true);
    expect(testKit.some((k) => k.test('../../test/test-server'))).toBe(true);
    expect(testKit.some((k) => k.test('@clara/testkit/chromium'))).toBe(true);
    expect(testKit.some((k) => k.test('@clara/server/testing'))).toBe(true);
    expect(testKit.some((k) => k.test('./latest-test'))).toBe(false);
    expect(testKit.some((k) => k.test('./slack-test-kit'))).toBe(true);
    expect(serverInternals.some((k) => k.test('@clara/core'))).toBe(true);
    expect(serverInternals.some((k) => k.test('../../../server/src/app'))).toBe(true);
    expect(serverInternals.some((k) => k.test('@clara/contract'))).toBe(false);
    expect(serverInternals.some((k) => k.test('@clara/contract/markdown'))).toBe(false);
    expect(serverInternals.some((k) => k.test('@clara/contract/settings'))).toBe(true);
    expect(intoAnotherPackage.test('../../core/src/engine/rerank')).toBe(true);
    expect(intoAnotherPackage.test('../lib/stats')).toBe(false);
    expect(valueImportsOfContract("import { chatRequestSchema } from '@clara/contract';")).toHaveLength(1);
    expect(valueImportsOfContract("import { type Rating } from '@clara/contract';")).toHaveLength(1);
    expect(valueImportsOfContract("import type { Rating } from '@clara/contract';")).toEqual([]);
    expect(valueImportsOfContract("export type { ChatMessage } from '@clara/contract';")).toEqual([]);
  });
});
