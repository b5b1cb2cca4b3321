import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A site that embeds the widget: one page per workspace, with only the snippet. */
export interface HostSite {
  port: number;
  /** The page for `workspaceId`, served as `host` (`localhost` or `127.0.0.1`: two origins). */
  url(workspaceId: string, host?: 'localhost' | '127.0.0.1'): string;
  /** The origin browsers send from `url(…, host)`. */
  origin(host?: 'localhost' | '127.0.0.1'): string;
  close(): Promise<void>;
}

const AVATAR = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#fbbf24"/><text x="16" y="22" font-size="16" font-family="sans-serif" text-anchor="middle" fill="#111827">B</text></svg>`;

const page = (apiBase: string, workspaceId: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Brightside Bikes</title>
<style>body { font: 16px Georgia, serif; margin: 0; padding: 24px; background: #f4f1ea; } * { letter-spacing: 1px; }</style>
</head><body>
<h1>Brightside Bikes</h1>
<p>${'City bikes, repairs and rentals since 1998. '.repeat(10)}</p>
<script src="${apiBase}/widget.js" data-workspace-id="${workspaceId}" async></script>
</body></html>`;

/**
 * Serves the host pages on a loopback port of its own (another origin than the API):
 * `/?ws=ID` is a page with only `<script src="API/widget.js" data-workspace-id="ID" async>`,
 * `/avatar.svg` an avatar image for the settings.
 */
export async function startHostSite(apiBase: string): Promise<HostSite> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/avatar.svg') {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(AVATAR);
      return;
    }
    const ws = url.searchParams.get('ws') ?? '';
    if (url.pathname !== '/' || !/^[0-9a-f-]{36}$/.test(ws)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(page(apiBase.replace(/\/$/, ''), ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = (host: string = 'localhost') => `http://${host}:${port}`;
  return {
    port,
    origin,
    url: (workspaceId, host = 'localhost') => `${origin(host)}/?ws=${workspaceId}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
