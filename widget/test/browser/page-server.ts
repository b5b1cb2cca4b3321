/**
 * Serves the host page on "localhost" (a different origin from the API on 127.0.0.1): some
 * content, hostile CSS, and only the embed snippet.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const page = (apiBase: string, workspaceId: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>
<style>
  body { font: 16px Georgia, serif; margin: 0; padding: 24px; background: #f4f1ea; }
  * { color: #8b0000 !important; letter-spacing: 2px; }
  button { display: none !important; }
  div { border: 3px dashed orange; }
  section { background: lime !important; }
  textarea { font-size: 40px !important; }
</style></head>
<body>
  <h1>Acme Widgets</h1>
  <p>We make widgets. <a href="#about">About us</a> · <a href="#contact">Contact</a></p>
  <p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}</p>
  <script src="${apiBase}/widget.js" data-workspace-id="${workspaceId}" async></script>
</body></html>`;

/** Starts the page server; returns the page URL and a closer. */
export async function startPageServer(
  apiBase: string,
  workspaceId: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const html = page(apiBase.replace(/\/$/, ''), workspaceId);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
