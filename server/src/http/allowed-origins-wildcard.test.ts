/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

// `https://*.shop.example` in Allowed sites: the subdomains of shop.example, saved through the
// admin API and enforced on the public API; a * anywhere else is refused when saved.
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'general' },
  ]);
});
afterAll(() => server.close());

const config = (origin: string) =>
  fetch(`${server.url}/api/widget/${owner.workspaceId}/config`, { headers: { origin } });
const chat = (origin: string) =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'What are your opening hours?',
    }),
  });
const save = (allowed_origins: string[]) =>
  owner.json('PATCH', '/api/admin/settings', { settings: { allowed_origins } });
const statuses = async (origins: string[]) =>
  Object.fromEntries(await Promise.all(origins.map(async (o) => [o, (await config(o)).status])));

describe('a wildcard allowed site', () => {
  it('allows any subdomain of the domain, same scheme and port, and nothing else', async () => {
    expect((await save(['https://*.shop.example'])).status).toBe(200);
    expect(
      await statuses(['https://a.shop.example', 'https://a.b.shop.example', 'https://www.shop.example']),
    ).toEqual({
      'https://a.shop.example': 200,
      'https://a.b.shop.example': 200,
      'https://www.shop.example': 200,
    });
    const res = await chat('https://a.shop.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://a.shop.example');
    expect(((await res.json()) as any).message.content).toBe('Nine to five.');
    expect(
      await statuses([
        'https://shop.example', // the domain itself is not listed
        'http://a.shop.example', // another scheme
        'https://a.shop.example:8443', // another port
        'https://evilshop.example',
        'https://a.shop.example.evil.example',
        'https://shop.example.evil.example',
        'null',
      ]),
    ).toEqual({
      'https://shop.example': 403,
      'http://a.shop.example': 403,
      'https://a.shop.example:8443': 403,
      'https://evilshop.example': 403,
      'https://a.shop.example.evil.example': 403,
      'https://shop.example.evil.example': 403,
      null: 403,
    });
    expect((await chat('https://evilshop.example')).status).toBe(403);
  });

  it('keeps the port of the entry, and takes the domain itself when it is listed too', async () => {
    expect((await save(['http://*.localhost:8080', 'https://shop.example'])).status).toBe(200);
    expect(
      await statuses([
        'http://app.localhost:8080',
        'http://app.localhost:8081',
        'http://app.localhost',
        'https://shop.example',
        'https://a.shop.example',
      ]),
    ).toEqual({
      'http://app.localhost:8080': 200,
      'http://app.localhost:8081': 403,
      'http://app.localhost': 403,
      'https://shop.example': 200,
      'https://a.shop.example': 403,
    });
  });

  it('refuses a * anywhere else with a 400 naming the line, and keeps the saved list', async () => {
    expect((await save(['https://*.shop.example'])).status).toBe(200);
    const cases: [string, RegExp][] = [
      ['*', /lone \* would allow every site: leave Allowed sites empty/],
      ['https://*', /lone \* would allow every site/],
      ['https://a.*.example', /only stand for subdomains, as the first part/],
      ['https://*shop.example', /only stand for subdomains/],
      ['https://*.*.shop.example', /only stand for subdomains/],
      ['*.shop.example', /only stand for subdomains/],
      ['https://*.1.2.3.4', /only stand for subdomains/],
      ['https://*.com', /not a whole top-level domain/],
      ['https://*.Shop.example', /Use an origin like/],
      ['https://*.shop.example/', /Use an origin like/],
    ];
    for (const [entry, message] of cases) {
      const res = await save(['https://ok.example', entry]);
      expect(res.status, entry).toBe(400);
      expect(res.body.error.code, entry).toBe('validation_failed');
      expect(res.body.error.message, entry).toMatch(message);
      expect(res.body.error.details, entry).toEqual([
        { field: 'allowed_origins', message: expect.stringMatching(/^Line 2 /) },
      ]);
    }
    const saved = await owner.json('GET', '/api/admin/settings');
    expect(saved.body.settings.allowed_origins).toEqual(['https://*.shop.example']);
  });

  it('refuses a wildcard over a public suffix, shared hosts included, naming the line', async () => {
    expect((await save(['https://*.shop.example'])).status).toBe(200);
    const suffixes = [
      'github.io',
      'co.uk',
      'com.au',
      'myshopify.com',
      'netlify.app',
      'vercel.app',
      'herokuapp.com',
      'pages.dev',
      'web.app',
      'azurewebsites.net',
      'blogspot.com',
    ];
    for (const suffix of suffixes) {
      const entry = `https://*.${suffix}`;
      const res = await save(['https://ok.example', entry]);
      expect(res.status, entry).toBe(400);
      expect(res.body.error.code, entry).toBe('validation_failed');
      expect(res.body.error.details, entry).toEqual([
        {
          field: 'allowed_origins',
          message: `Line 2 (“${entry}”): ${suffix} is shared by many unrelated sites (a public suffix), so a * before it would let every one of them use this chat: list your site’s own host instead, like https://yourshop.${suffix}.`,
        },
      ]);
    }
    const saved = await owner.json('GET', '/api/admin/settings');
    expect(saved.body.settings.allowed_origins).toEqual(['https://*.shop.example']);
    expect((await config('https://attacker.github.io')).status).toBe(403);
  });

  it('takes a wildcard over a site’s own domain under a public suffix, and the host itself', async () => {
    const list = ['https://*.mybrand.co.uk', 'https://myshop.github.io', 'https://*.myshop.github.io'];
    expect((await save(list)).status).toBe(200);
    expect(
      await statuses([
        'https://www.mybrand.co.uk',
        'https://myshop.github.io',
        'https://docs.myshop.github.io',
        'https://mybrand.co.uk',
        'https://other.co.uk',
        'https://attacker.github.io',
      ]),
    ).toEqual({
      'https://www.mybrand.co.uk': 200,
      'https://myshop.github.io': 200,
      'https://docs.myshop.github.io': 200,
      'https://mybrand.co.uk': 403,
      'https://other.co.uk': 403,
      'https://attacker.github.io': 403,
    });
    const res = await chat('https://www.mybrand.co.uk');
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).message.content).toBe('Nine to five.');
  });

  it('never widens a wildcard over a public suffix saved before those were refused', async () => {
    await server.db.query(
      `UPDATE workspaces SET settings = jsonb_set(settings, '{allowed_origins}', $2::jsonb) WHERE id = $1`,
      [
        owner.workspaceId,
        JSON.stringify(['https://*.github.io', 'https://*.co.uk', 'https://*.shop.example']),
      ],
    );
    expect(
      await statuses(['https://attacker.github.io', 'https://attacker.co.uk', 'https://a.shop.example']),
    ).toEqual({
      'https://attacker.github.io': 403,
      'https://attacker.co.uk': 403,
      'https://a.shop.example': 200,
    });
    expect((await chat('https://attacker.github.io')).status).toBe(403);
    expect((await chat('https://a.shop.example')).status).toBe(200);
    const saved = await owner.json('GET', '/api/admin/settings');
    expect(saved.body.settings.allowed_origins).toEqual([
      'https://*.github.io',
      'https://*.co.uk',
      'https://*.shop.example',
    ]);
  });

  it('never widens an entry saved before wildcards were checked, nor falls back to any site', async () => {
    // Written straight to the row, as the old rule (any URL whose origin is itself) let through.
    await server.db.query(
      `UPDATE workspaces SET settings = jsonb_set(settings, '{allowed_origins}', $2::jsonb) WHERE id = $1`,
      [owner.workspaceId, JSON.stringify(['https://*', 'https://*.com'])],
    );
    expect(await statuses(['https://anyone.com', 'https://shop.example'])).toEqual({
      'https://anyone.com': 403,
      'https://shop.example': 403,
    });
  });
});
