import Router from '@koa/router';
import { App } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { createAuthorize } from './authorize';
import { boltLogger } from './bolt-logger';
import { registerFeedbackAction } from './feedback-action';
import { createKoaReceiver } from './koa-receiver';
import { createUserNames, registerListeners } from './listeners';
import type {
  SlackChannelCore,
  SlackChannelLogger,
  SlackConnectionResolver,
  SlackEventDedup,
  SlackFeedbackRecorder,
} from './ports';
import { slackErrorCode } from './post-answer';

export interface SlackChannelOptions extends SlackChannelCore {
  resolver: SlackConnectionResolver;
  dedup: SlackEventDedup;
  logger: SlackChannelLogger;
  /** Stores thumbs on answers (the same store as the widget's feedback); without it no thumbs are handled. */
  feedback?: SlackFeedbackRecorder | undefined;
  /** Web API base URL (Bolt's `clientOptions.slackApiUrl`); a local fake in tests. */
  slackApiUrl?: string | undefined;
  /** Clock for the signature window. */
  now?: () => number;
  /** Least time between `chat.update`s while an answer streams. */
  updateIntervalMs?: number;
  /** Web API retries on 429/5xx (Bolt's default retries for half an hour). */
  retries?: number;
  /** Told about each event's processing after the ack (answer produced and posted), for graceful shutdown. */
  track?: (processing: Promise<void>) => void;
}

/** Clara in Slack: the Koa routes, and the Bolt app behind them. */
export interface SlackChannel {
  /** `POST /slack/events` (Events API) and `POST /slack/interactions` (buttons); either accepts both. */
  router: Router;
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the Slack channel: a Bolt app on a Koa-mounted receiver that answers from the workspace's knowledge base. */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { logger } = options;
  const receiver = createKoaReceiver({
    resolver: options.resolver,
    dedup: options.dedup,
    logger,
    now: options.now,
    track: options.track,
  });
  const clientOptions: WebClientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: boltLogger(logger),
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 10_000,
  };
  const app = new App({
    receiver,
    authorize: createAuthorize(receiver, clientOptions),
    clientOptions,
    logger: boltLogger(logger),
    convoStore: false,
  });
  app.error(async (error) => {
    const e = error as Error & { original?: unknown };
    if ((e as { code?: string }).code === 'slack_bolt_authorization_error') {
      // Its message is ours or Slack's error code (no token): e.g. a connection whose token is another team's.
      logger.warn({ reason: e.message.slice(0, 300) }, 'slack event not authorised; nothing answered');
      return;
    }
    logger.error(
      { slack_error: slackErrorCode(e.original ?? e), code: (e as { code?: string }).code },
      'slack listener failed',
    );
  });
  const deps = { ...options, logger, updateIntervalMs: options.updateIntervalMs ?? 500 };
  registerListeners(app, deps, createUserNames(deps));
  registerFeedbackAction(app, { feedback: options.feedback, logger });

  const router = new Router();
  router.post('/slack/events', (ctx) => receiver.handle(ctx));
  router.post('/slack/interactions', (ctx) => receiver.handle(ctx));
  return {
    router,
    app,
    start: async () => {
      await receiver.start();
    },
    stop: async () => {
      await receiver.stop();
    },
  };
}
