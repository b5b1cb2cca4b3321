import { createSlackChannel } from '@clara/channel-slack';
import {
  claimChannelEvent,
  deactivateChannelConnection,
  gapCounts,
  recordFeedback,
  topKnowledgeCategories,
} from '@clara/supabase';
import type Koa from 'koa';
import { mountChannel } from '../http/mount-channel';
import type { Runtime } from '../runtime';
import { createSlackConnectionResolver } from './slack-connections';
import { createSlackTokenRefresher } from './slack-installations';
import { slackOAuthRoutes } from './slack-oauth-routes';

/**
 * Mounts `POST /slack/events` and `POST /slack/interactions`: Slack apps from the env
 * (SLACK_*) and from `channel_connections` (pasted, or installed with "Add to Slack", whose
 * callback `GET /slack/oauth/callback` is mounted here too), deduplicated through `channel_events`.
 */
export function mountSlack(
  app: Koa,
  runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey' | 'engine' | 'store' | 'lifecycle'>,
): void {
  const { config, db, logger } = runtime;
  const refresher = createSlackTokenRefresher({
    db,
    masterKey: runtime.masterKey,
    oauth: config.slack.oauth,
    apiUrl: config.slack.apiUrl,
    logger,
  });
  const slack = createSlackChannel({
    engine: runtime.engine,
    store: runtime.store,
    // The Home tab: the workspace's categories for everyone, the open gaps for the installer.
    knowledge: {
      topCategories: (workspaceId, limit) => topKnowledgeCategories(db, workspaceId, limit),
      openGaps: async (workspaceId) => (await gapCounts(db, workspaceId)).open ?? 0,
    },
    ownerLinks: config.publicUrl ? { gapsUrl: `${new URL(config.publicUrl).origin}/admin/gaps` } : undefined,
    credentials: createSlackConnectionResolver({
      db,
      masterKey: runtime.masterKey,
      envApp: config.slack.app,
      oauth: config.slack.oauth,
      refresher,
      logger,
    }),
    // app_uninstalled / tokens_revoked: the connection is switched off (installing again reactivates it).
    installations: {
      deactivate: ({ workspaceId, teamId }) =>
        deactivateChannelConnection(db, { channel: 'slack', externalId: teamId, workspaceId }),
    },
    // Scoped by workspace: event ids are chosen by the sender, so a team connected to one
    // workspace must not be able to claim (and so swallow) another workspace's delivery.
    events: {
      claim: (eventId, workspaceId) =>
        claimChannelEvent(db, 'slack', `${workspaceId}|${eventId}`, workspaceId),
    },
    // Thumbs on answers: stored like the widget's feedback (a thumbs-down on an answer files a gap).
    feedback: (input) => db.transaction((tx) => recordFeedback(tx, input)),
    logger: logger.child({ channel: 'slack' }),
    slackApiUrl: config.slack.apiUrl,
    // An answer is produced and posted after the ack: shutdown waits for it.
    track: (processing) => void runtime.lifecycle.track(processing),
  });
  mountChannel(app, slack);
  // "Add to Slack": Slack's redirect back after the owner allowed the install.
  app.use(slackOAuthRoutes(runtime).routes());
}
