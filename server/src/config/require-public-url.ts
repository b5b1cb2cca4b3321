import { invalidConfiguration } from './config-error';
import type { Config } from './load-config';

/** Why serving cannot start without CLARA_PUBLIC_URL, one line each (empty when it can). */
export function publicUrlProblems(config: Pick<Config, 'production' | 'publicUrl'>): string[] {
  if (!config.production || config.publicUrl) return [];
  return [
    'CLARA_PUBLIC_URL is required in production (NODE_ENV=production or DATABASE_URL set):',
    'set it to the URL visitors reach Clara at, e.g. CLARA_PUBLIC_URL=https://clara.example.com',
    '(without it, links and snippets would be built from the Host header a client sends)',
  ];
}

/**
 * Refuses to serve in production mode without CLARA_PUBLIC_URL: without it the widget snippet,
 * Slack/Teams URLs, asset URLs and sign-in links are built from the request's Host header,
 * which any client chooses. `loadConfig` with `serving` reports it with every other problem;
 * this is the same check for a configuration built another way.
 */
export function requirePublicUrl(config: Pick<Config, 'production' | 'publicUrl'>): void {
  const problems = publicUrlProblems(config);
  if (problems.length > 0) throw invalidConfiguration(...problems);
}
