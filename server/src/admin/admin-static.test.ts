import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDistDir } from '../http/built-apps';
import { adminStatic } from './admin-static';

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clara-admin-dist-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>admin</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  const app = new Koa();
  app.use(adminStatic(join(dir, 'dist')));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = 'not found';
  });
  server = createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin static files', () => {
  it('serves index.html for app routes, with security headers and no caching', async () => {
    for (const path of ['/admin/', '/admin/knowledge', '/admin/conversations/123']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    expect((await fetch(`${url}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/');
  });

  it('caches hashed assets for a year and 404s missing files', async () => {
    const asset = await fetch(`${url}/admin/assets/app-abc123.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/admin/assets/missing.js`)).status).toBe(404);
  });

  it('never serves files outside the dist folder', async () => {
    for (const path of ['/admin/../secret.txt', '/admin/%2e%2e/secret.txt', '/admin/..%2fsecret.txt']) {
      const res = await fetch(`${url}${path}`);
      expect(await res.text(), path).not.toContain('outside');
    }
  });

  it('resolves the @clara/admin workspace package', () => {
    expect(adminDistDir()).toMatch(/admin[/\\]dist$/);
  });
});
