import type Koa from 'koa';
import type { Runtime } from '../runtime';
import { mountSlack } from './slack-routes';
import { mountTeams } from './teams-routes';

/**
 * Mounts the chat channels other than the web API (Slack, Teams) on the app. Each
 * channel adds one line here; its routes live in its own file beside this one.
 */
export function mountChannels(
  app: Koa,
  runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey' | 'engine' | 'store' | 'lifecycle'>,
): void {
  mountTeams(app, runtime);
  mountSlack(app, runtime);
}
