import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const parent = mkdtempSync(join(tmpdir(), 'clara-manifest-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('clara channels slack-manifest', () => {
  it('prints the manifest without opening (or creating) a database', async () => {
    const dataDir = join(parent, 'never-created');
    const res = await runClara(['channels', 'slack-manifest', '--url', 'https://clara.example.com'], {
      CLARA_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('request_url: "https://clara.example.com/slack/events"');
    expect(existsSync(dataDir)).toBe(false);

    const bad = await runClara(['channels', 'slack-manifest'], {
      CLARA_DATA_DIR: dataDir,
      CLARA_PUBLIC_URL: undefined,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--url/);
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
