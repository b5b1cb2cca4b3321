import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInNewContext } from 'node:vm';
import { markdownToHtml } from '@clara/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;

beforeAll(async () => {
  // dist/markdown.js is a build output of the widget (turbo builds it before tests too).
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: widgetDir });
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the demo page loads the contract markdown renderer', () => {
  it('references /demo/markdown.js instead of carrying a copy of the rules', async () => {
    const page = await (await fetch(`${server.url}/demo`)).text();
    expect(page).toContain('<script src="/demo/markdown.js"></script>');
    expect(page).not.toContain('function markdownToHtml');
  });

  it('serves the bundle of the contract markdownToHtml, revalidated with an ETag', async () => {
    const res = await fetch(`${server.url}/demo/markdown.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(
      (await fetch(`${server.url}/demo/markdown.js`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    // Run as the page's classic script does: it sets ClaraMarkdown, which renders as the contract.
    const sandbox: { URL: typeof URL; ClaraMarkdown?: { markdownToHtml: (s: string) => string } } = { URL };
    runInNewContext(await res.text(), sandbox);
    const md = sandbox.ClaraMarkdown?.markdownToHtml;
    for (const src of [
      '**Call us**\n- [site](https://a.example/x) <img src=x onerror=alert(1)>\n1. one',
      '# Hours\n_9 to 5_, see https://a.example/h. [x](javascript:alert(1))',
    ])
      expect(md?.(src)).toBe(markdownToHtml(src));
    expect(md?.('<b>x</b>')).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
  });
});
