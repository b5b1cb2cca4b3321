import {
  createUser,
  createWorkspace,
  type Database,
  findChannelConnectionAnyState,
  upsertChannelConnection,
} from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { createFakeSlackOAuth, type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { decryptKey } from '../vault';
import {
  createSlackTokenRefresher,
  encryptSlackInstallation,
  exchangeSlackCode,
  refreshMarginMs,
  type SlackInstallation,
  slackInstallationSchema,
} from './slack-installations';

const oauth = {
  clientId: '5555555555.6666666666',
  clientSecret: 'refresher-client-secret-1',
  signingSecret: 'refresher-signing-secret-1',
  authorizeUrl: 'http://127.0.0.1:1/oauth/v2/authorize',
};
const masterKey = Buffer.alloc(32, 7);
let db: Database;
let slack: FakeSlackApi;
let workspaceId: string;
const logs: string[] = [];
const logger = createLogger({
  level: 'debug',
  destination: { write: (line: string) => void logs.push(line) },
});

/** Installs through the fake's real code exchange, then stores the row with the given expiry. */
async function installed(
  teamId: string,
  expiresAt: number,
): Promise<{ id: string; installation: SlackInstallation }> {
  const callback = new URL(
    await (slack.oauth?.approve(
      `${slack.oauth?.authorizeUrl}?client_id=${oauth.clientId}&scope=chat:write&redirect_uri=https://x.test/cb&state=s`,
    ) ?? ''),
  );
  const res = (await fetch(`${slack.url}oauth.v2.access`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      code: callback.searchParams.get('code') ?? '',
    }),
  }).then((r) => r.json())) as { access_token: string; refresh_token: string };
  const installation = slackInstallationSchema.parse({
    via: 'oauth',
    bot_token: res.access_token,
    refresh_token: res.refresh_token,
    expires_at: expiresAt,
  });
  const row = await upsertChannelConnection(db, {
    workspaceId,
    channel: 'slack',
    externalId: teamId,
    encryptedCredentials: encryptSlackInstallation(installation, masterKey),
  });
  return { id: row.id, installation };
}

const storedToken = async (teamId: string) => {
  const row = await findChannelConnectionAnyState(db, 'slack', teamId);
  return slackInstallationSchema.parse(JSON.parse(decryptKey(row?.encrypted_credentials ?? '', masterKey)));
};

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'r@example.com', 'x')).id)).id;
  slack = await startFakeSlackApi([], {
    oauth: createFakeSlackOAuth({
      ...oauth,
      team: { id: 'T0R', name: 'R' },
      installerUserId: 'U0R',
      botId: 'B0R',
      botUserId: 'U0BOTR',
      expiresIn: 43_200,
    }),
  });
});
afterAll(async () => {
  await slack?.close();
  await db?.close();
});

describe('exchangeSlackCode', () => {
  it('names an org-wide install by its Grid org (E…), labelled with the org, and keeps the installer', async () => {
    const grid = await startFakeSlackApi([], {
      oauth: createFakeSlackOAuth({
        ...oauth,
        team: { id: 'T0ORGWS', name: 'A workspace of the org' },
        enterprise: { id: 'E0GRID', name: 'Grid Org' },
        installerUserId: 'W0ADMIN',
        botId: 'B0G',
        botUserId: 'U0BOTG',
      }),
    });
    try {
      const redirectUri = 'https://clara.example.com/slack/oauth/callback';
      const back = new URL(
        (await grid.oauth?.approve(
          `${grid.oauth.authorizeUrl}?client_id=${oauth.clientId}&scope=chat:write&redirect_uri=${redirectUri}&state=s`,
        )) ?? '',
      );
      const granted = await exchangeSlackCode({
        code: back.searchParams.get('code') ?? '',
        redirectUri,
        oauth,
        apiUrl: grid.url,
        now: Date.now(),
      });
      expect(granted).toMatchObject({
        externalId: 'E0GRID',
        label: 'Grid Org',
        installation: { via: 'oauth', installer_user_id: 'W0ADMIN', bot_user_id: 'U0BOTG' },
      });
      // Without rotation: no refresh token, no expiry.
      expect(granted.installation.expires_at).toBeUndefined();
      // The code is spent: a second exchange is Slack's invalid_code, as a 400.
      await expect(
        exchangeSlackCode({
          code: back.searchParams.get('code') ?? '',
          redirectUri,
          oauth,
          apiUrl: grid.url,
          now: 0,
        }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        message: 'Slack refused the installation (invalid_code).',
      });
    } finally {
      await grid.close();
    }
  });
});

describe('createSlackTokenRefresher', () => {
  const refresher = () => createSlackTokenRefresher({ db, masterKey, oauth, apiUrl: slack.url, logger });
  const refreshCalls = () =>
    slack.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token').length;

  it('hands back a token that is not due without calling Slack', async () => {
    const { id, installation } = await installed('T0FAR', Date.now() + 2 * refreshMarginMs);
    const before = refreshCalls();
    expect(await refresher().fresh(id, installation)).toBe(installation.bot_token);
    expect(refreshCalls()).toBe(before);
  });

  it('refreshes a token within the margin and seals the new one with its expiry', async () => {
    const { id, installation } = await installed('T0DUE', Date.now() + 60_000);
    const token = await refresher().fresh(id, installation);
    expect(token).not.toBe(installation.bot_token);
    const now = await storedToken('T0DUE');
    expect(now.bot_token).toBe(token);
    expect(now.refresh_token).toMatch(/^xoxe-1-/);
    expect(now.expires_at).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(logs.join('')).not.toContain(token);
  });

  it('keeps using a still-valid token when Slack refuses the refresh, and fails once it has expired', async () => {
    const soon = await installed('T0SOON', Date.now() + 60_000);
    slack.failNext('oauth.v2.access', 'invalid_refresh_token');
    expect(await refresher().fresh(soon.id, soon.installation)).toBe(soon.installation.bot_token);
    expect(logs.join('')).toContain('Slack refused the token refresh (invalid_refresh_token)');

    const gone = await installed('T0GONE', Date.now() - 1000);
    slack.failNext('oauth.v2.access', 'invalid_refresh_token');
    await expect(refresher().fresh(gone.id, gone.installation)).rejects.toThrow(/invalid_refresh_token/);
    expect((await storedToken('T0GONE')).bot_token).toBe(gone.installation.bot_token);
  });
});
