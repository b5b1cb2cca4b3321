import { createSlackChannel } from '@clara/channel-slack';
import { claimChannelEvent, recordFeedback, topKnowledgeCategories } from '@clara/supabase';
import type Koa from 'koa';
import { mountChannel } from '../http/mount-channel';
import type { Runtime } from '../runtime';
import { createSlackConnectionResolver } from './slack-connections';

/**
 * Mounts `POST /slack/events` and `POST /slack/interactions`: Slack apps from the env
 * (SLACK_*) and from `channel_connections`, deduplicated through `channel_events`.
 */
export function mountSlack(app: Koa, runtime: Runtime): void {
  const { config, db, logger } = runtime;
  const slack = createSlackChannel({
    engine: runtime.engine,
    store: runtime.store,
    // The Home tab's topics: a read of the workspace's categories.
    knowledge: { topCategories: (workspaceId, limit) => topKnowledgeCategories(db, workspaceId, limit) },
    credentials: createSlackConnectionResolver({
      db,
      masterKey: runtime.masterKey,
      envApp: config.slack.app,
      logger,
    }),
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
}
