/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { decodePng, readZip, teamsManifestProblems } from '@clara/channel-teams/testing';
import { type FakeBotIdentity, startFakeBotIdentity } from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The Teams app package an owner downloads from the Channels page: the real server, a bot connected
// through the admin API (its credentials proven against a fake Microsoft token endpoint), the zip
// read back and checked against Microsoft's manifest rules and icon requirements.

const appId = '3c9d7e1a-5b2f-4c8d-9e0a-1b2c3d4e5f60';
const password = 'teams-package-password-7Hq~';
const path = '/api/admin/channels/teams/app-package';
let server: TestServer;
let identity: FakeBotIdentity;
let a: AdminClient;
let b: AdminClient;

beforeAll(async () => {
  identity = await startFakeBotIdentity();
  identity.registerApp(appId, password);
  server = await startTestServer({
    env: { CLARA_PUBLIC_URL: 'https://clara.example.com', TEAMS_LOGIN_URL: identity.loginUrl },
  });
  [a, b] = await Promise.all([signUpOwner(server.url), signUpOwner(server.url)]);
});
afterAll(async () => {
  await server?.close();
  await identity?.close();
});

describe('GET /api/admin/channels/teams/app-package', () => {
  it('answers 409 until a Teams bot is connected', async () => {
    const res = await a.json('GET', path);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('Connect a Teams bot first');
  });

  it('zips a manifest for the connected bot and this server, with icons in the workspace’s colour', async () => {
    const connected = await a.json('POST', '/api/admin/channels/teams', {
      app_id: appId,
      app_password: password,
    });
    expect(connected.status).toBe(201);
    const settings = await a.json('PATCH', '/api/admin/settings', {
      name: 'Juniper Bikes',
      settings: {
        display_name: 'Juniper',
        welcome_message: 'Hi! Ask me anything about Juniper Bikes.',
        primary_color: '#0f766e',
        suggested_messages: [
          'Do you repair e-bikes?',
          'What does a full service include and how long does it take?',
        ],
      },
    });
    expect(settings.status).toBe(200);

    const res = await a.request('GET', path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="juniper-teams-app.zip"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const files = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    expect(teamsManifestProblems(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      id: appId,
      name: { short: 'Juniper', full: 'Juniper · Juniper Bikes' },
      developer: { name: 'Juniper Bikes', websiteUrl: 'https://clara.example.com/' },
      accentColor: '#0F766E',
      validDomains: ['clara.example.com'],
      bots: [
        {
          botId: appId,
          scopes: ['personal', 'team', 'groupChat'],
          supportsFiles: false,
          commandLists: [{ scopes: ['personal'], commands: [{ title: 'Do you repair e-bikes?' }] }],
        },
      ],
    });
    expect(manifest.description.full).toContain('Hi! Ask me anything about Juniper Bikes.');

    const color = decodePng(files.get('color.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([...color.pixels.subarray(0, 4)]).toEqual([0x0f, 0x76, 0x6e, 255]);
    const outline = decodePng(files.get('outline.png') as Buffer);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    const alphas = new Set<number>();
    for (let i = 3; i < outline.pixels.length; i += 4) alphas.add(outline.pixels[i] as number);
    expect([...alphas].sort()).toEqual([0, 255]);
    // The password never leaves the vault.
    expect(JSON.stringify(manifest)).not.toContain(password);
    expect(server.logs.join('')).not.toContain(password);
  });

  it('picks a bot by ?app_id=, refuses one that is not this workspace’s, and shows nothing to another owner', async () => {
    expect((await a.request('GET', `${path}?app_id=${appId.toUpperCase()}`)).status).toBe(200);
    const unknown = await a.json('GET', `${path}?app_id=9a9a9a9a-1111-4222-8333-444455556666`);
    expect(unknown.status).toBe(404);
    expect((await a.json('GET', `${path}?app_id=not-a-guid`)).status).toBe(400);
    // Owner b has no bot: a's bot is not theirs to package.
    expect((await b.json('GET', `${path}?app_id=${appId}`)).status).toBe(404);
    expect((await b.json('GET', path)).status).toBe(409);
  });

  it('answers 409 once the bot is deactivated, and 401 without a session', async () => {
    const list = await a.json('GET', '/api/admin/channels');
    const teams = list.body.connections.find((c: any) => c.channel === 'teams');
    expect((await a.json('POST', `/api/admin/channels/${teams.id}/deactivate`)).status).toBe(200);
    expect((await a.json('GET', path)).status).toBe(409);
    expect((await fetch(`${server.url}${path}`)).status).toBe(401);
  });
});
