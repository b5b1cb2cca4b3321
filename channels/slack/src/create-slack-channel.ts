import type { Channel, ChannelPorts } from '@clara/core';
import { App } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerAppHome } from './app-home';
import { registerAssistantThread } from './assistant-thread';
import { createAuthorize } from './authorize';
import { boltLogger } from './bolt-logger';
import { registerFeedbackAction } from './feedback-action';
import { createUserNames, registerListeners } from './listeners';
import type { OwnerLinks, SlackChannelCore, SlackConnectionResolver, SlackInstallations } from './ports';
import { slackErrorCode } from './post-answer';
import { createRequestReceiver } from './request-receiver';
import { createStreamRefusals } from './stream-answer';
import { registerUninstall } from './uninstall';

export interface SlackChannelOptions
  extends SlackChannelCore,
    Pick<ChannelPorts<SlackConnectionResolver>, 'credentials' | 'events' | 'logger' | 'feedback' | 'track'> {
  /** Web API base URL (Bolt's `clientOptions.slackApiUrl`); a local fake in tests. */
  slackApiUrl?: string | undefined;
  /** Clock for the signature window. */
  now?: () => number;
  /** Least time between `chat.appendStream`s (or `chat.update`s of the placeholder) while an answer streams. */
  updateIntervalMs?: number;
  /** Web API retries on 429/5xx (Bolt's default retries for half an hour). */
  retries?: number;
  /** Deactivates a connection on app_uninstalled / tokens_revoked. */
  installations?: SlackInstallations | undefined;
  /** The admin's links for the installer's Home tab (needs CLARA_PUBLIC_URL). */
  ownerLinks?: OwnerLinks | undefined;
}

/** Clara in Slack: the channel contract, and the Bolt app behind it. */
export interface SlackChannel extends Channel {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the Slack channel: a Bolt app on a web-standard receiver that answers from the workspace's knowledge base. */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { logger } = options;
  const receiver = createRequestReceiver({
    credentials: options.credentials,
    events: options.events,
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
  const deps = {
    ...options,
    logger,
    updateIntervalMs: options.updateIntervalMs ?? 500,
    streamRefusals: createStreamRefusals(),
  };
  registerListeners(app, deps, createUserNames(deps));
  registerAssistantThread(app, deps);
  registerAppHome(app, deps);
  registerUninstall(app, { installations: options.installations, logger });
  registerFeedbackAction(app, { feedback: options.feedback, logger });

  return {
    name: 'slack',
    // Events API and interactivity (buttons); either URL accepts both.
    routes: [
      { method: 'POST', path: '/slack/events' },
      { method: 'POST', path: '/slack/interactions' },
    ],
    handle: (request) => receiver.handle(request),
    app,
    start: async () => {
      await receiver.start();
    },
    stop: async () => {
      await receiver.stop();
    },
  };
}
