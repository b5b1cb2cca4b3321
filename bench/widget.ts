/**
 * Widget: gzipped size of `widget/dist/widget.js` (built first), and time from the script
 * tag's insertion to the bubble being visible in headless Chromium, against a real Clara
 * server (widget.js + config API) from a host page on another origin; median of cold loads.
 *   npm run bench -- widget
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromiumArgs, launchChromium } from '@clara/testkit/chromium';
import { startClara } from './lib/clara';
import { type ResultRow, runBench } from './lib/results';
import { fmt, median, summarise } from './lib/stats';

const loads = process.env.BENCH_QUICK === '1' ? 5 : 15;

const hostPage = (
  claraUrl: string,
  workspaceId: string,
) => `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>
<p>A shop's page.</p>
<script>
  window.__t0 = performance.now();
  const s = document.createElement('script');
  s.src = ${JSON.stringify(`${claraUrl}/widget.js`)};
  s.async = true;
  s.dataset.workspaceId = ${JSON.stringify(workspaceId)};
  document.body.appendChild(s);
  (function poll() {
    const b = document.querySelector('clara-widget')?.shadowRoot?.querySelector('.bubble');
    const r = b?.getBoundingClientRect();
    if (r && r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden') {
      window.__visible = performance.now() - window.__t0;
    } else requestAnimationFrame(poll);
  })();
</script></body></html>`;

await runBench({ name: 'widget', title: '6. Widget' }, async () => {
  execFileSync('npm', ['run', 'build', '-w', '@clara/widget'], {
    stdio: 'ignore',
    cwd: new URL('..', import.meta.url),
  });
  const source = readFileSync(new URL('../widget/dist/widget.js', import.meta.url));
  const gz = gzipSync(source, { level: 9 }).length;
  const br = brotliCompressSync(source).length;
  const clara = await startClara();
  const ws = await clara.createWorkspace();
  const page = hostPage(clara.url ?? '', ws);
  const host = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const visible: number[] = [];
  const scriptMs: number[] = [];
  try {
    for (let i = 0; i < loads + 1; i++) {
      // A new context each time: a cold cache, as on a visitor's first page view.
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(hostUrl);
      await tab.waitForFunction(
        () => (window as unknown as { __visible?: number }).__visible !== undefined,
        null,
        { timeout: 15_000 },
      );
      const ms = await tab.evaluate(() => (window as unknown as { __visible: number }).__visible);
      const fetchMs = await tab.evaluate(
        () =>
          performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget.js'))?.duration ??
          Number.NaN,
      );
      await context.close();
      if (i === 0) continue; // warm-up (server JIT, Chromium start)
      visible.push(ms);
      scriptMs.push(fetchMs);
    }
  } finally {
    await browser.close();
    host.close();
    await clara.close();
  }
  const s = summarise(visible);
  const rows: ResultRow[] = [
    {
      workload: 'widget/dist/widget.js',
      metric: 'gzip -9 KB (raw KB)',
      value: `${fmt(gz / 1024, 1)} (${fmt(source.length / 1024, 1)})`,
      baseline: `brotli ${fmt(br / 1024, 1)} KB`,
      goal: '< 20 KB gzipped (size check)',
      met: gz < 20 * 1024,
      runs: 1,
    },
    {
      workload: `script inserted → bubble visible, headless Chromium, ${loads} cold loads`,
      metric: 'median (p95) ms',
      value: `${fmt(s.p50)} (${fmt(s.p95)})`,
      baseline: `of which widget.js fetch ${fmt(median(scriptMs))} ms`,
      runs: loads,
    },
  ];
  return {
    rows,
    notes: [
      "Host page on its own loopback origin inserts `<script src=CLARA/widget.js data-workspace-id async>` and polls with requestAnimationFrame until the bubble in `clara-widget`'s shadow root has a non-empty box; the time includes fetching widget.js and the config (`GET /api/widget/:id/config`) from a real Clara server (in-process, in-memory database).",
      `Debian's /usr/bin/chromium via playwright-core, args ${chromiumArgs.join(' ')}; a new browser context per load (cold HTTP cache), one warm-up load not counted.`,
    ],
    raw: { bytes: source.length, gzip: gz, brotli: br, visible, scriptMs },
  };
});
