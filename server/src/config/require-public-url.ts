import { invalidConfiguration } from './config-error';
import type { Config } from './load-config';

/**
 * Refuses to serve in production mode without CLARA_PUBLIC_URL: without it the widget snippet,
 * Slack/Teams URLs, asset URLs and sign-in links are built from the request's Host header,
 * which any client chooses. Called by `clara serve` / `clara start` before anything opens.
 */
export function requirePublicUrl(config: Pick<Config, 'production' | 'publicUrl'>): void {
  if (!config.production || config.publicUrl) return;
  throw invalidConfiguration(
    'CLARA_PUBLIC_URL is required in production (NODE_ENV=production or DATABASE_URL set):',
    'set it to the URL visitors reach Clara at, e.g. CLARA_PUBLIC_URL=https://clara.example.com',
    '(without it, links and snippets would be built from the Host header a client sends)',
  );
}
