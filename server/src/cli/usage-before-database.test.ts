import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin, runClara } from '../../test/run-clara';
import { checkCommandArgs } from './check-command-args';
import { UsageError } from './output';

const dir = mkdtempSync(join(tmpdir(), 'clara-usage-first-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The flags the mistakes use (main.ts parses all of clara's the same way). */
const flags = {
  workspace: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  key: { type: 'string' },
  id: { type: 'string' },
  'new-key': { type: 'string' },
  lists: { type: 'string' },
  days: { type: 'string' },
  auto: { type: 'string' },
} as const;

const ws = '00000000-0000-4000-8000-000000000000';
const missing = join(dir, 'missing.csv');

/** Each usage mistake, its command (for the hint line) and the one line it prints. */
const mistakes: Array<[string[], string | RegExp]> = [
  [['import', 'x.csv'], '--workspace ID is required'],
  [['import', '--workspace', ws], 'name the CSV file: clara import FILE.csv --workspace ID'],
  [['import', missing, '--workspace', ws], `cannot read ${missing}: ENOENT`],
  [['reindex', '--workspace', 'nope'], '--workspace must be a UUID'],
  [['workspace', 'remove'], 'did you mean: clara workspace create'],
  [
    ['workspace', 'create', '--email', 'nope', '--password', 'short'],
    '--email must be an email address; --password must be at least 8 characters',
  ],
  [['keys', 'list'], '--workspace ID is required'],
  [['keys', 'delete', '--workspace', ws], '--id KEYID is required (see clara keys list)'],
  [
    ['keys', 'add', '--workspace', ws, '--provider', 'openai', '--model', 'gpt-0', '--key', 'sk-0123456789'],
    /^--model for openai must be one of: /,
  ],
  [['keys', 'rotate', '--new-key', 'too-short'], /^--new-key must be 32 bytes/],
  [['keys', 'frobnicate'], 'clara keys add|list|default|activate|deactivate|delete|verify|rotate'],
  [['channels', 'list', '--workspace', 'nope'], '--workspace must be a workspace id (UUID)'],
  [['channels', 'remove'], 'did you mean: clara channels add-slack | list | slack-manifest'],
  [['index', 'rebuild', '--lists', '0'], '--lists must be 1-32768'],
  [['index', 'drop'], /^did you mean: clara index rebuild/],
  [
    ['owner', 'reset-password', '--email', 'a@example.com', '--password', 'short'],
    '--password must be at least 8 characters',
  ],
  [['owner', 'invite', '--email', 'a@example.com', '--days', '365'], '--days must be 1-90'],
  [['owner', 'delete'], 'did you mean: clara owner reset-password (or invite)'],
  [['augment', '--workspace', ws, '--auto', 'maybe'], '--auto must be on or off'],
  [['serve', '--port', '70000'], '--port must be 0-65535'],
];

async function expectUsageError(args: string[], message: string | RegExp, env: Record<string, string>) {
  const res = await runClara(args, { ...env, DATABASE_URL: undefined as unknown as string });
  const lines = res.stderr.trim().split('\n');
  expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
  expect(lines, args.join(' ')).toHaveLength(2);
  const [line, hint] = lines as [string, string];
  if (typeof message === 'string') expect(line).toBe(`clara: ${message}`);
  else expect(line.replace(/^clara: /, '')).toMatch(message);
  expect(hint).toBe(`Usage: clara ${args[0]} --help`);
  expect(res.stdout).toBe('');
}

function serve(dataDir: string): Promise<ChildProcess> {
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const child = spawn(process.execPath, [claraBin, 'serve', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', CLARA_DATA_DIR: dataDir },
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (d) => {
      seen += d;
      if (/running at http/.test(seen)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** One mistake per command family goes through the real binary (each spawn loads the whole CLI). */
const spawned = [
  'import',
  'reindex',
  'workspace',
  'keys',
  'channels',
  'index',
  'owner',
  'augment',
  'serve',
].map((command) => mistakes.find(([args]) => args[0] === command) as [string[], string | RegExp]);

describe('usage mistakes are found before the database or the master key is touched', () => {
  it('each command: exit 2, the one-line mistake and where its help is; no data directory is made', async () => {
    const dataDir = join(dir, 'never-made');
    await Promise.all(
      spawned.map(([args, message]) => expectUsageError(args, message, { CLARA_DATA_DIR: dataDir })),
    );
    expect(existsSync(dataDir)).toBe(false);
  }, 600_000);

  it('every mistake is found by the check that runs before the configuration is loaded', async () => {
    for (const [[command, ...rest], message] of mistakes) {
      if (command === 'serve') continue; // --port is checked beside it, in main.ts
      const { values, positionals } = parseArgs({ args: rest, options: flags, allowPositionals: true });
      const checked = checkCommandArgs(command as string, positionals, values);
      await expect(checked, `${command} ${rest.join(' ')}`).rejects.toBeInstanceOf(UsageError);
      await expect(checked).rejects.toThrow(message);
    }
  });

  it('with the server running (data directory locked), still the usage error and exit 2, not the lock', async () => {
    const dataDir = join(dir, 'served');
    server = await serve(dataDir);
    const before = readdirSync(dataDir).sort();
    await expectUsageError(['import', 'x.csv'], '--workspace ID is required', { CLARA_DATA_DIR: dataDir });
    await expectUsageError(['keys', 'list'], '--workspace ID is required', { CLARA_DATA_DIR: dataDir });
    expect(readdirSync(dataDir).sort()).toEqual(before);
  }, 600_000);
});
