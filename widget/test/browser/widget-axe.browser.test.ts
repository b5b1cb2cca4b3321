/* biome-ignore-all lint/suspicious/noExplicitAny: axe results are read in the browser */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type HostSite,
  startHostSite,
  startTestServer,
  type TestServer,
  widgetPage as widget,
} from '@clara/server/testing';
import { launchChromium } from '@clara/testkit/chromium';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: TestServer;
let site: HostSite;
let browser: Browser;
let workspaceId: string;

/** axe-core violations inside the widget (its open shadow root), minor ones aside. */
async function widgetViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result: any = await page.evaluate(() =>
    (globalThis as any).axe.run({ include: [['clara-widget']] }, { resultTypes: ['violations'] }),
  );
  // The rules did run on the widget's elements (in its shadow root), not on nothing.
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v: any) => v.impact !== 'minor')
    .map((v: any) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
}

beforeAll(async () => {
  server = await startTestServer();
  const created = await server.createWorkspace({
    settings: { booking_url: 'https://cal.example.com/happy-paws' },
  });
  workspaceId = created.workspaceId;
  await server.addPairs(workspaceId, groomerPairs);
  site = await startHostSite(server.url);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('the widget under axe-core in Chromium', () => {
  for (const width of [1366, 375]) {
    it(`has no serious, critical or moderate violation, closed and open with each reply kind, at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 820 }, bypassCSP: true });
      const page = await context.newPage();
      try {
        await widget.loadWidget(page, site.url(workspaceId));
        expect(await widgetViolations(page)).toEqual([]);
        await widget.openWidget(page);
        await widget.ask(page, q.paraphrase);
        await widget.waitForAnswers(page, 1);
        await widget.ask(page, q.unrelated);
        await widget.waitForAnswers(page, 2);
        // A vaguer question (often "Did you mean…?" with buttons) and a request for a person (the booking link).
        await widget.ask(page, 'what do you charge for a wash');
        await widget.waitForAnswers(page, 3);
        await widget.ask(page, 'Can I talk to someone?');
        await widget.waitForAnswers(page, 4);
        await widget.ui(page).book.first().waitFor();
        expect(await widgetViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 90_000);
  }

  it('adds no landmark to the host page: a page with its own banner keeps one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, bypassCSP: true });
    const page = await context.newPage();
    try {
      await widget.loadWidget(page, site.url(workspaceId));
      // The shop's own page header: its one banner landmark.
      await page.evaluate(`(() => {
        const header = document.createElement('header');
        header.textContent = 'Spokes Bike Shop';
        document.body.prepend(header);
      })()`);
      await widget.openWidget(page);
      await widget.ask(page, q.paraphrase);
      await widget.waitForAnswers(page, 1);
      await page.evaluate(axeSource);
      const result: any = await page.evaluate(() =>
        (globalThis as any).axe.run(document, {
          runOnly: ['landmark-no-duplicate-banner', 'landmark-unique', 'landmark-banner-is-top-level'],
          resultTypes: ['violations'],
        }),
      );
      expect(result.passes.length).toBeGreaterThan(0);
      expect(result.violations.map((v: any) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('Tab from the message box: the latest answer’s buttons, Send, then out of the panel (no wrap)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    // The focused element inside the widget, marked when it belongs to the latest answer.
    const where = () =>
      page.evaluate(() => {
        const root = document.querySelector('clara-widget')?.shadowRoot;
        const el = root?.activeElement as HTMLElement | null | undefined;
        if (!el) return null;
        const latest = [...(root?.querySelectorAll('.log .item') ?? [])].at(-1);
        return `${el.tagName.toLowerCase()}.${el.className}${latest?.contains(el) ? ' (latest)' : ''}`;
      });
    try {
      await widget.loadWidget(page, site.url(workspaceId));
      await widget.openWidget(page);
      await widget.ask(page, q.paraphrase);
      await widget.waitForAnswers(page, 1);
      await widget.ask(page, q.vagueChoice);
      await widget.waitForAnswers(page, 2);
      await page.locator('clara-widget .item >> nth=-1 >> button.chip').first().waitFor();
      expect(await where()).toMatch(/^textarea/);
      const path: (string | null)[] = [];
      for (let i = 0; i < 15 && !path.at(-1)?.startsWith('button.bubble'); i++) {
        await page.keyboard.press('Tab');
        path.push(await where());
      }
      const send = path.findIndex((p) => p?.startsWith('button.send'));
      // First the latest answer's own buttons (its suggestions among them), then Send.
      expect(send).toBeGreaterThan(0);
      expect(path.slice(0, send).every((p) => p?.endsWith('(latest)'))).toBe(true);
      expect(path.slice(0, send).some((p) => p?.startsWith('button.chip'))).toBe(true);
      // After Send the focus leaves the panel (the chat button, then the page): no wrap to its top.
      expect(path.slice(send + 1)).toEqual(['button.bubble']);
      // Shift+Tab walks the same way back: Send, the latest answer's buttons, the message box,
      // then what comes before them (the earlier answer, the conversation).
      const back: (string | null)[] = [];
      for (let i = 0; i < send + 3; i++) {
        await page.keyboard.press('Shift+Tab');
        back.push(await where());
      }
      expect(back.slice(0, send + 2)).toEqual([...path.slice(0, send + 1).reverse(), back[send + 1]]);
      expect(back[send + 1]).toMatch(/^textarea/);
      expect(back[send + 2]).not.toMatch(/\(latest\)$|^textarea|^button\.send/);
      // Escape still closes the panel, the focus back on the chat button.
      await page.keyboard.press('Escape');
      expect(await where()).toMatch(/^button\.bubble/);
      expect(await page.locator('clara-widget .panel').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  }, 90_000);
});
