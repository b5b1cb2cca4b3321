import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;

beforeAll(async () => {
  // The widget is a build output; make sure it exists (turbo builds it before tests too).
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: widgetDir });
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GET /widget.js', () => {
  it('serves the built widget gzipped, with an ETag, revalidated on the stable URL', async () => {
    const res = await fetch(`${server.url}/widget.js`, {
      headers: { 'accept-encoding': 'gzip' },
      decompress: false,
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=300/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    const hash = etag?.replaceAll('"', '');
    const pinned = await fetch(`${server.url}/widget.${hash}.js`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${server.url}/widget.0000000000000000.js`)).status).toBe(404);
  });
});
