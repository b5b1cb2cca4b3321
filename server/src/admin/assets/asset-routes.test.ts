/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { crc32 } from 'node:zlib';
import { createUser } from '@clara/supabase';
import { startFakeSupabase } from '@clara/testkit/fake-supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { createLogger } from '../../logger';
import { createSupabaseAssetStore } from './asset-store';
import { gif16, jpg16, png1x1, webpLossless1x1 } from './sample-images';

const png = png1x1;
const jpeg = jpg16;

/** PUT an image with the owner's cookies and CSRF token (or a bearer token). */
const upload = async (url: string, auth: AdminClient | string, kind: string, type: string, body: Buffer) => {
  const headers: Record<string, string> = { 'content-type': type, accept: 'application/json' };
  if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
  else {
    headers.cookie = [...auth.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    headers['x-csrf-token'] = auth.cookies.get('clara_csrf') ?? '';
  }
  const res = await fetch(`${url}/api/admin/settings/assets/${kind}`, {
    method: 'PUT',
    headers,
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

/** DELETE an image with the owner's cookies and CSRF token (or a bearer token). */
const removeAsset = async (url: string, auth: AdminClient | string, kind: string) => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
  else {
    headers.cookie = [...auth.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    headers['x-csrf-token'] = auth.cookies.get('clara_csrf') ?? '';
  }
  const res = await fetch(`${url}/api/admin/settings/assets/${kind}`, { method: 'DELETE', headers });
  return { status: res.status, body: (await res.json()) as any };
};

describe('avatar and icon uploads, embedded mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('stores the image in the data directory, serves it at /assets/{workspace}/…, and writes the URL into the settings', async () => {
    const owner = await signUpOwner(server.url);
    const res = await upload(server.url, owner, 'avatar', 'image/png', png);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(new RegExp(`^${server.url}/assets/${owner.workspaceId}/avatar\\.png\\?v=`));
    expect(res.body.settings.avatar_url).toBe(res.body.url);
    const served = await fetch(res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    const widget = (await (
      await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)
    ).json()) as any;
    expect(widget.settings.avatar_url).toBe(res.body.url);

    const icon = await upload(server.url, owner, 'icon', 'image/jpeg', jpeg);
    expect(icon.body.settings.chat_icon_url).toMatch(/\/icon\.jpg\?v=/);
    // A new avatar in another format replaces the old file.
    const again = await upload(server.url, owner, 'avatar', 'image/jpeg', jpeg);
    expect(again.status).toBe(200);
    expect((await fetch(`${server.url}/assets/${owner.workspaceId}/avatar.png`)).status).toBe(404);
    expect((await fetch(again.body.url)).status).toBe(200);
  });

  it('removes an image: the file is deleted (its URL no longer serves it) and the setting is null', async () => {
    const owner = await signUpOwner(server.url);
    const avatar = await upload(server.url, owner, 'avatar', 'image/png', png);
    const icon = await upload(server.url, owner, 'icon', 'image/png', png);
    const removed = await removeAsset(server.url, owner, 'avatar');
    expect(removed.status).toBe(200);
    expect(removed.body.settings).toMatchObject({ avatar_url: null, chat_icon_url: icon.body.url });
    expect((await fetch(avatar.body.url)).status).toBe(404);
    expect((await fetch(icon.body.url)).status).toBe(200);
    const widget = (await (
      await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)
    ).json()) as any;
    expect(widget.settings.avatar_url).toBeNull();
    // Nothing stored: still 200, still null.
    expect((await removeAsset(server.url, owner, 'avatar')).status).toBe(200);
    expect((await removeAsset(server.url, owner, 'banner')).status).toBe(404);
    const stranger = await fetch(`${server.url}/api/admin/settings/assets/icon`, { method: 'DELETE' });
    expect(stranger.status).toBe(401);
    expect((await fetch(icon.body.url)).status).toBe(200);
  });

  it('accepts a real GIF or WebP and refuses a file that only starts like an image (400, saying what is wrong)', async () => {
    const owner = await signUpOwner(server.url);
    expect((await upload(server.url, owner, 'avatar', 'image/gif', gif16)).status).toBe(200);
    expect((await upload(server.url, owner, 'icon', 'image/webp', webpLossless1x1)).status).toBe(200);
    const note = Buffer.from('Opening hours: 9 to 5, Monday to Friday. Closed on holidays.');
    const cases: [string, Buffer, string][] = [
      ['image/gif', Buffer.concat([Buffer.from('GIF89a'), note]), 'GIF'],
      ['image/png', Buffer.concat([png.subarray(0, 8), note]), 'PNG'],
      ['image/jpeg', Buffer.concat([jpeg.subarray(0, 4), note]), 'JPG'],
      ['image/webp', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), note]), 'WEBP'],
      ['image/gif', gif16.subarray(0, gif16.length - 40), 'GIF'],
    ];
    for (const [type, body, name] of cases) {
      const res = await upload(server.url, owner, 'avatar', type, body);
      expect(res.status, type).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(
        new RegExp(`^The file starts like a ${name} image but is not a valid one: .+\\.$`),
      );
    }
    // A valid PNG header that claims a 50,000-pixel-wide canvas (its checksum recomputed).
    const huge = Buffer.from(png);
    huge.writeUInt32BE(50_000, 16);
    huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
    const wide = await upload(server.url, owner, 'avatar', 'image/png', huge);
    expect(wide.status).toBe(400);
    expect(wide.body.error).toEqual({
      code: 'validation_failed',
      message: 'The image is 50000 × 1 pixels; at most 4096 × 4096 is accepted.',
    });
    // The GIF avatar stored before is still the one set.
    const settings = (await (
      await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)
    ).json()) as any;
    expect(settings.settings.avatar_url).toMatch(/\/avatar\.gif\?v=/);
  });

  it('refuses what is not a small image (415, 413), unknown kinds (404), strangers (401), and odd asset paths (404)', async () => {
    const owner = await signUpOwner(server.url);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const cases: [string, string, Buffer, number, string][] = [
      ['avatar', 'image/svg+xml', svg, 415, 'unsupported_media_type'],
      ['avatar', 'text/plain', png, 415, 'unsupported_media_type'],
      ['avatar', 'image/png', jpeg, 415, 'unsupported_media_type'],
      ['avatar', 'image/png', Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 413, 'payload_too_large'],
      ['avatar', 'image/png', Buffer.alloc(0), 400, 'validation_failed'],
      ['banner', 'image/png', png, 404, 'not_found'],
    ];
    for (const [kind, type, body, status, code] of cases) {
      const res = await upload(server.url, owner, kind, type, body);
      expect(res.status, `${kind} ${type} ${body.length}`).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const stranger = await fetch(`${server.url}/api/admin/settings/assets/avatar`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    expect(stranger.status).toBe(401);
    for (const path of [
      `/assets/${owner.workspaceId}/settings.json`,
      '/assets/..%2F..%2Fmaster.key/avatar.png',
      `/assets/${owner.workspaceId}/..%2Fmaster.key`,
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });
});

describe('avatar and icon uploads, Supabase Storage', () => {
  const anonKey = 'anon-key-storage-test';
  let server: TestServer;
  let fake: Awaited<ReturnType<typeof startFakeSupabase>>;
  beforeAll(async () => {
    fake = await startFakeSupabase({
      anonKey,
      // The seed's policy: the first folder is a workspace the token's user owns.
      ownsFolder: async (userId, folder) =>
        (
          await server.db.query('SELECT 1 FROM workspaces WHERE id::text = $1 AND owner_id = $2', [
            folder,
            userId,
          ])
        ).length > 0,
    });
    server = await startTestServer({ env: { SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: anonKey } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  const supabaseOwner = async () => {
    const user = await createUser(server.db, `st-${Math.random().toString(36).slice(2)}@example.com`, 'x');
    const token = await fake.mint({ sub: user.id, email: user.email });
    const session = (await (
      await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as any;
    return { token, workspaceId: session.workspace.id as string, userId: user.id };
  };

  it("uploads to chatbot-assets/{workspace_id}/avatar.{ext} with the owner's token and stores the public URL", async () => {
    const owner = await supabaseOwner();
    const res = await upload(server.url, owner.token, 'avatar', 'image/png', png);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(
      new RegExp(
        `^${fake.url}/storage/v1/object/public/chatbot-assets/${owner.workspaceId}/avatar\\.png\\?v=`,
      ),
    );
    expect(res.body.settings.avatar_url).toBe(res.body.url);
    expect(fake.objects.get(`chatbot-assets/${owner.workspaceId}/avatar.png`)).toEqual({
      contentType: 'image/png',
      body: png,
    });
    const storageCalls = fake.requests.filter((r) => r.path.startsWith('/storage/v1/object/chatbot-assets'));
    expect(storageCalls.every((r) => r.authorization === `Bearer ${owner.token}`)).toBe(true);
    expect(Buffer.from(await (await fetch(res.body.url)).arrayBuffer())).toEqual(png);
    // Replacing works under the seed's policies (insert + delete, no update).
    const again = await upload(server.url, owner.token, 'avatar', 'image/png', png);
    expect(again.status).toBe(200);
    const icon = await upload(server.url, owner.token, 'icon', 'image/webp', webpLossless1x1);
    expect(icon.body.settings.chat_icon_url).toMatch(/chatbot-assets\/.+\/icon\.webp\?v=/);
    // Removing deletes the object with the owner's token and clears the setting.
    const removed = await removeAsset(server.url, owner.token, 'icon');
    expect(removed.status).toBe(200);
    expect(removed.body.settings.chat_icon_url).toBeNull();
    expect(fake.objects.has(`chatbot-assets/${owner.workspaceId}/icon.webp`)).toBe(false);
    expect(fake.objects.has(`chatbot-assets/${owner.workspaceId}/avatar.png`)).toBe(true);
  });

  it("is refused by the storage policy for another workspace's folder (403), and never logs the token", async () => {
    const a = await supabaseOwner();
    const b = await supabaseOwner();
    const store = createSupabaseAssetStore({
      url: fake.url,
      anonKey,
      logger: createLogger({ level: 'silent' }),
    });
    await expect(
      store.put({
        workspaceId: b.workspaceId,
        kind: 'avatar',
        image: { contentType: 'image/png', ext: 'png', body: png },
        ownerToken: a.token,
        baseUrl: server.url,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(fake.objects.has(`chatbot-assets/${b.workspaceId}/avatar.png`)).toBe(false);
    expect(server.logs.join('')).not.toContain(a.token);
  });
});
