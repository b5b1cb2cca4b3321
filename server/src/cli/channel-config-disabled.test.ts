import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const parent = mkdtempSync(join(tmpdir(), 'clara-channel-config-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const workspace = '7d7f0a3e-5b0c-4a43-9a57-1f2a3b4c5d6e';
/** A Teams bot without its password; the rest of the environment is the embedded default. */
const teamsHalf = {
  MICROSOFT_APP_ID: 'app-1',
  MICROSOFT_APP_PASSWORD: undefined,
  TEAMS_WORKSPACE_ID: workspace,
  DATABASE_URL: undefined,
  CLARA_PUBLIC_URL: undefined,
};
/** "Add to Slack" without its client secret (and signing secret). */
const slackHalf = {
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: undefined,
  SLACK_SIGNING_SECRET: undefined,
  DATABASE_URL: undefined,
  CLARA_PUBLIC_URL: undefined,
};

/** The warn-level JSON lines the command logged on stderr. */
function warnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => line.level === 40)
    .map((line) => line.msg);
}

describe('an incomplete Slack or Teams configuration disables that channel, not the CLI', () => {
  it('clara migrate runs with one warning line that Teams is disabled', async () => {
    const dataDir = join(parent, 'teams');
    const res = await runClara(['migrate'], { ...teamsHalf, CLARA_DATA_DIR: dataDir });
    expect(res.stderr).not.toMatch(/Invalid configuration/);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).applied.length).toBeGreaterThan(0);
    const teams = warnings(res.stderr).filter((m) => /Teams/.test(m));
    expect(teams).toEqual([
      'Teams is disabled until its configuration is complete: MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD too',
    ]);
  }, 120_000);

  it('clara owner invite and workspace create run with an incomplete "Add to Slack"', async () => {
    const dataDir = join(parent, 'slack');
    const invite = await runClara(['owner', 'invite', '--email', 'a@example.com'], {
      ...slackHalf,
      CLARA_DATA_DIR: dataDir,
    });
    expect(invite.code).toBe(0);
    expect(JSON.parse(invite.stdout).email).toBe('a@example.com');
    expect(warnings(invite.stderr)).toEqual([
      'Slack is disabled until its configuration is complete: "Add to Slack" needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET',
    ]);

    // An invalid value (not a bot token) disables Slack the same way; other commands still run.
    const create = await runClara(
      ['workspace', 'create', '--email', 'o@example.com', '--password', 'long-enough-1'],
      {
        CLARA_DATA_DIR: dataDir,
        DATABASE_URL: undefined,
        SLACK_BOT_TOKEN: 'nope',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_WORKSPACE_ID: workspace,
      },
    );
    expect(create.code).toBe(0);
    expect(JSON.parse(create.stdout).workspace_id).toMatch(/^[0-9a-f-]{36}$/);
    const [line, ...more] = warnings(create.stderr).filter((m) => /Slack/.test(m));
    expect(more).toEqual([]);
    expect(line).toMatch(/^Slack is disabled until its configuration is complete: SLACK_BOT_TOKEN: /);
    // The warning names what is wrong, never a value.
    expect(create.stderr).not.toContain('secret"');
  }, 120_000);

  it('clara eval runs too (it reads only its own two variables)', async () => {
    const kb = join(parent, 'kb.csv');
    const queries = join(parent, 'queries.csv');
    writeFileSync(kb, 'question,answer\nWhen are you open?,We are open 9 to 5.\n');
    writeFileSync(queries, 'query,expected_answer\nWhen are you open?,We are open 9 to 5.\n');
    const res = await runClara(['eval', '--kb', kb, '--queries', queries], {
      ...teamsHalf,
      ...slackHalf,
      CLARA_DATA_DIR: join(parent, 'eval'),
    });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ n: 1, top1_accuracy: 1 });
  }, 120_000);

  it('clara serve and clara start still refuse to serve with a half-configured channel', async () => {
    const dataDir = join(parent, 'serve');
    for (const command of ['serve', 'start']) {
      const res = await runClara([command, '--port', '0'], { ...teamsHalf, CLARA_DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(
        /Invalid configuration:\n\s+MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD too/,
      );
      expect(res.stdout).not.toMatch(/running at/);
    }
    const slack = await runClara(['serve', '--port', '0'], { ...slackHalf, CLARA_DATA_DIR: dataDir });
    expect(slack.code).toBe(1);
    expect(slack.stderr).toMatch(/"Add to Slack" needs all of/);
  }, 120_000);

  it('a malformed value outside the channels still stops every command', async () => {
    const res = await runClara(['migrate'], {
      ...teamsHalf,
      CLARA_DATA_DIR: join(parent, 'bad'),
      CLARA_SIGNUP: 'sometimes',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/CLARA_SIGNUP/);
  }, 60_000);
});
