import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClaraError } from '@clara/core';
import type { Context } from 'koa';
import { buildHint, widgetDistFile } from '../http/built-apps';

/** The path the demo page loads the markdown renderer from. */
export const demoMarkdownPath = '/demo/markdown.js';

interface Asset {
  body: Buffer;
  etag: string;
}

function load(): Asset | null {
  const file = widgetDistFile('markdown.js');
  if (!file) return null;
  try {
    const body = readFileSync(file);
    return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
  } catch {
    return null;
  }
}

/**
 * Serves the demo page's markdown renderer: the contract's `markdownToHtml` (the one parser, the
 * widget's rules) bundled by the widget's build as widget/dist/markdown.js, setting
 * `ClaraMarkdown`. Revalidated with an ETag; 404 naming the build when it is not built.
 */
export function demoMarkdownAsset(): (ctx: Context) => void {
  let asset: Asset | null = null;
  return (ctx) => {
    asset ??= load(); // looked for again while missing: it may have been built since
    if (!asset) throw new ClaraError('not_found', buildHint.widget);
    ctx.set('ETag', asset.etag);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/javascript; charset=utf-8';
    if (ctx.get('if-none-match') === asset.etag) {
      ctx.status = 304;
      return;
    }
    ctx.body = asset.body;
  };
}
