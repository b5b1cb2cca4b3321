import { z } from 'zod';
import type { Config } from '../config/load-config';
import { UsageError } from './output';
import { parseFlags } from './parse-flags';
import { readServerUrl } from './server-url';

/** Where the base of an invite's sign-up link came from. */
export type BaseUrlSource =
  | 'option'
  | 'port-option'
  | 'public-url'
  | 'running-server'
  | 'last-server'
  | 'config';

const args = z.object({
  url: z.url({ protocol: /^https?$/, error: '--base-url must be an http(s) URL' }).optional(),
  port: z.coerce
    .number()
    .int()
    .min(1, '--port must be 1-65535')
    .max(65_535, '--port must be 1-65535')
    .optional(),
});

/** `HOST` as a browser can reach it (a wildcard address is this machine). */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The base URL of `clara owner invite`'s link, first found of: `--base-url` (or `--url`),
 * `--port N` (this host), `CLARA_PUBLIC_URL`, the server running on this data directory, the
 * server that last ran on it (stopped or crashed: `npm start -- --port N`'s port, not PORT's),
 * then `HOST`:`PORT`.
 */
export function inviteBaseUrl(
  config: Pick<Config, 'publicUrl' | 'dataDir' | 'host' | 'port'>,
  values: Record<string, unknown>,
): { url: string; source: BaseUrlSource } {
  if (values['base-url'] !== undefined && values.url !== undefined && values['base-url'] !== values.url)
    throw new UsageError('pass --base-url or --url, not both');
  const { url, port } = parseFlags(
    args,
    { url: values['base-url'] ?? values.url, port: values.port },
    { url: values.url !== undefined ? 'url' : 'base-url' },
  );
  if (url !== undefined && port !== undefined) throw new UsageError('pass --base-url or --port, not both');
  const found = ((): { url: string; source: BaseUrlSource } => {
    if (url) return { url, source: 'option' };
    if (port) return { url: `http://${reachableHost(config.host)}:${port}`, source: 'port-option' };
    if (config.publicUrl) return { url: config.publicUrl, source: 'public-url' };
    const server = readServerUrl(config.dataDir);
    if (server) return { url: server.url, source: server.running ? 'running-server' : 'last-server' };
    return { url: `http://${reachableHost(config.host)}:${config.port}`, source: 'config' };
  })();
  return { url: found.url.replace(/\/+$/, ''), source: found.source };
}

/** The line `clara owner invite` prints on stderr: which base URL the link uses, and why. */
export function describeBaseUrl({ url, source }: { url: string; source: BaseUrlSource }): string {
  const why: Record<BaseUrlSource, string> = {
    option: '--base-url',
    'port-option': '--port',
    'public-url': 'CLARA_PUBLIC_URL',
    'running-server': 'the server running on this data directory',
    'last-server':
      'the server that last ran on this data directory; it is not running now: pass --base-url or --port if it will serve elsewhere',
    config:
      'HOST and PORT; no server has run on this data directory: pass --base-url or --port if it serves elsewhere',
  };
  return `sign-up link uses ${url} (${why[source]})`;
}
