import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ClaraError } from '@clara/core';
import Router from '@koa/router';
import type { Context } from 'koa';
import { buildHint, widgetScriptFile } from './built-apps';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  hash: string;
}

function loadWidget(): Asset | null {
  const file = widgetScriptFile();
  if (!file) return null;
  try {
    const body = readFileSync(file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    return { body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"`, hash };
  } catch {
    return null;
  }
}

/**
 * Serves the embeddable widget: `/widget.js` (the snippet's stable URL: revalidated with an
 * ETag) and `/widget.<hash>.js` (immutable, cached for a year).
 */
export function widgetRoutes(): Router {
  let asset: Asset | null | undefined;
  const router = new Router();
  const send = (immutable: boolean) => async (ctx: Context & { params: Record<string, string> }) => {
    asset ??= loadWidget();
    if (!asset) {
      asset = undefined; // look again next time: it may have been built since
      throw new ClaraError('not_found', buildHint.widget);
    }
    if (immutable && ctx.params.hash !== asset.hash)
      throw new ClaraError('not_found', 'No widget with this hash.');
    ctx.set('ETag', asset.etag);
    ctx.set(
      'Cache-Control',
      immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=86400',
    );
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Vary', 'Accept-Encoding');
    ctx.type = 'application/javascript; charset=utf-8';
    if (ctx.get('if-none-match') === asset.etag) {
      ctx.status = 304;
      return;
    }
    if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = asset.gzip;
    } else {
      ctx.body = asset.body;
    }
  };
  router.get('/widget.js', send(false));
  router.get('/widget.:hash.js', send(true));
  return router;
}
