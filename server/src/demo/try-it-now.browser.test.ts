import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { adminDistDir } from '../http/built-apps';
import { ensureDemo } from './ensure-demo';

const dist = adminDistDir() ?? '';
let server: TestServer;
let browser: Browser;
let owner: AdminClient;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@clara/admin'], {
      cwd: join(dist, '..', '..'),
      stdio: 'ignore',
    });
  }
  server = await startTestServer();
  await ensureDemo(server.runtime);
  owner = await signUpOwner(server.url, { workspaceName: 'Harbour Dental' });
  const patched = await owner.request('PATCH', '/api/admin/settings', {
    settings: { display_name: 'Dee', primary_color: '#fde047' },
  });
  expect(patched.status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Install → Try it now', () => {
  it('links to a test page with the widget of this workspace, titled with its assistant name', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('nav').getByRole('link', { name: 'Install' }).click();
    const link = page.getByRole('link', { name: 'Try it now' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`${server.url}/demo?workspace=${owner.workspaceId}`);

    await page.goto(href ?? '');
    expect(await page.title()).toBe('Dee · test page');
    expect(await page.locator('h1').textContent()).toBe('Dee · test page');
    // The workspace name is the owner's, not the visitors'.
    expect(await page.content()).not.toContain('Harbour Dental');
    expect(await page.locator('script[data-workspace-id]').getAttribute('data-workspace-id')).toBe(
      owner.workspaceId,
    );
    // The page's own Send button in the owner's brand colour (as the widget), with readable text on it.
    const sendStyle = (property: 'backgroundColor' | 'color') =>
      page.evaluate(`getComputedStyle(document.querySelector('#form button[type=submit]')).${property}`);
    await expect(sendStyle('backgroundColor')).resolves.toBe('rgb(253, 224, 71)');
    await expect(sendStyle('color')).resolves.toBe('rgb(0, 0, 0)');
    await page.close();
  }, 90_000);

  it("the open widget does not cover the page's own chat box on a laptop or desktop screen", async () => {
    for (const viewport of [
      { width: 1366, height: 900 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${server.url}/demo?workspace=${owner.workspaceId}`);
      await page.getByRole('button', { name: /^Open chat with/ }).click();
      const panel = await page.getByRole('dialog').boundingBox();
      expect(panel, `${viewport.width}px: the panel is open`).not.toBeNull();
      for (const control of [page.locator('main input'), page.locator('main button[type=submit]')]) {
        const box = await control.boundingBox();
        const covered =
          box !== null &&
          panel !== null &&
          box.x + box.width > panel.x &&
          box.x < panel.x + panel.width &&
          box.y + box.height > panel.y &&
          box.y < panel.y + panel.height;
        expect(covered, `${viewport.width}px`).toBe(false);
      }
      await page.close();
    }
  }, 90_000);

  it('the demo page itself is unchanged; an unknown or malformed workspace falls back to it', async () => {
    for (const query of ['', '?workspace=not-a-uuid', '?workspace=00000000-0000-4000-8000-000000000000']) {
      const html = await fetch(`${server.url}/demo${query}`).then((r) => r.text());
      expect(html).toContain('<title>Clara demo · Brightside Bike Works</title>');
    }
  });

  it('no page asks for an icon that is not there: /favicon.ico is an icon, admin and demo link one', async () => {
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const page = await browser.newPage();
    const missing: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 404) missing.push(res.url());
    });
    for (const path of ['/admin/', '/demo']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      expect(await page.locator('link[rel="icon"]').count()).toBe(1);
    }
    expect(missing).toEqual([]);
    await page.close();
  }, 60_000);
});
