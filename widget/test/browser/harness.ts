/** Shared vitest hooks for the browser tests: one Chromium and target per file, a fresh context per test. */
import { mkdirSync } from 'node:fs';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTarget, type Target } from './setup';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

/** What each test gets; fields are set by the hooks before the test runs. */
export interface Harness {
  target: Target;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages of every JS dialog (alert, confirm) the page opened; all are dismissed. */
  dialogs: string[];
  /** A context that never leaves the machine: non-loopback URLs get a stub page. */
  newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
}

/** Registers the hooks and returns the harness they fill in. */
export function useHarness(): Harness {
  const h = { dialogs: [] as string[] } as unknown as Harness;
  h.newContext = async (options) => {
    const ctx = await h.browser.newContext({ reducedMotion: 'reduce', ...options });
    await ctx.route(
      (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
      (route) => route.fulfill({ contentType: 'text/html', body: 'stub booking page' }),
    );
    return ctx;
  };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [h.target, h.browser] = await Promise.all([startTarget(), launchChromium()]);
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.target?.close();
  });
  beforeEach(async () => {
    h.context = await h.newContext({ viewport: { width: 1280, height: 800 } });
    h.page = await h.context.newPage();
    h.dialogs = [];
    h.page.on('dialog', (d) => {
      h.dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterEach(async () => {
    await h.context?.close();
  });
  return h;
}
