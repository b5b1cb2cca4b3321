import { type ChannelEvents, ClaraError, jsonResponse, type Logger, readTextBody } from '@clara/core';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { z } from 'zod';
import { claimedInstallation, parseSlackBody } from './parse-request';
import type { SlackConnection, SlackConnectionResolver } from './ports';
import { blockActionsSchema, eventCallbackSchema, urlVerificationSchema } from './slack-schemas';
import { checkSlackSignatureHeaders, verifySlackSignature } from './verify-signature';

export interface RequestReceiverOptions {
  credentials: SlackConnectionResolver;
  events: ChannelEvents;
  logger: Logger;
  /** Clock for the 5-minute signature window (tests pass a fixed one). */
  now?: () => number;
  /** Longest wait for Bolt's ack before answering 200 anyway: Slack gives up after 3 s. */
  ackTimeoutMs?: number;
  bodyLimit?: number;
  /** Told about each event's processing, which outlives the HTTP ack (so a graceful shutdown can wait for it). */
  track?: (processing: Promise<void>) => void;
}

/**
 * A Bolt receiver on web standards: the host owns the socket and hands over each request; the
 * receiver verifies it, dispatches it to Bolt and answers with the ack.
 */
export interface RequestReceiver extends Receiver {
  /** Handles one POST from Slack (events or interactivity). */
  handle(request: Request): Promise<Response>;
  /** The connection whose secret verified this body (for Bolt's authorize). */
  connectionFor(body: object): SlackConnection | undefined;
}

const typeOnly = z.looseObject({ type: z.string() });

function issues(error: z.ZodError): ClaraError {
  return new ClaraError(
    'validation_failed',
    `Unexpected Slack payload: ${error.issues[0]?.message ?? 'invalid'}.`,
    {
      details: error.issues,
    },
  );
}

/** Creates the receiver: verify the raw body, answer url_verification, drop duplicates, ack at once, process after. */
export function createRequestReceiver(options: RequestReceiverOptions): RequestReceiver {
  const now = options.now ?? Date.now;
  const ackTimeoutMs = options.ackTimeoutMs ?? 2_500;
  const bodyLimit = options.bodyLimit ?? 1_048_576;
  const { logger } = options;
  const connections = new WeakMap<object, SlackConnection>();
  let app: App | undefined;
  let running = true;

  async function verify(headers: Headers, rawBody: string, contentType: string): Promise<SlackConnection> {
    const signed = {
      rawBody,
      signature: headers.get('x-slack-signature') || undefined,
      timestamp: headers.get('x-slack-request-timestamp') || undefined,
    };
    // An unsigned or stale request is refused before any connection is read or decrypted.
    checkSlackSignatureHeaders(signed, now());
    const candidates = await options.credentials.candidates(claimedInstallation(rawBody, contentType));
    const index = verifySlackSignature(
      signed,
      candidates.map((c) => c.signingSecret),
      now(),
    );
    const connection = candidates[index];
    if (!connection) throw new ClaraError('unauthorized', 'No Slack app is connected for this request.');
    return connection;
  }

  /** The key under which a delivery is remembered, or null when it needs none. */
  function dedupKey(body: z.infer<typeof typeOnly>): string | null {
    if (body.type === 'event_callback') {
      const parsed = eventCallbackSchema.safeParse(body);
      if (!parsed.success) throw issues(parsed.error);
      return `event:${parsed.data.event_id}`;
    }
    if (body.type === 'block_actions') {
      const parsed = blockActionsSchema.safeParse(body);
      if (!parsed.success) throw issues(parsed.error);
      return parsed.data.trigger_id ? `action:${parsed.data.trigger_id}` : null;
    }
    return null;
  }

  async function handle(request: Request): Promise<Response> {
    if (!running || !app) throw new ClaraError('unavailable', 'The Slack channel is not running.');
    const { headers } = request;
    const contentType = (headers.get('content-type') ?? '').toLowerCase();
    // The signature covers the exact bytes received.
    const rawBody = await readTextBody(request, bodyLimit);
    const connection = await verify(headers, rawBody, contentType);
    // Only now is the body trusted enough to parse.
    const parsed = typeOnly.safeParse(parseSlackBody(rawBody, contentType));
    if (!parsed.success) throw issues(parsed.error);
    const body = parsed.data;

    if (connection.active === false) {
      // An uninstalled (or switched-off) app: Slack still delivers until it notices; a 200 stops
      // its retries, and nothing is answered or stored.
      logger.info(
        { slack_type: body.type, team_id: connection.teamId },
        'slack request for an inactive connection ignored',
      );
      return new Response('', { status: 200 });
    }
    if (body.type === 'url_verification') {
      const challenge = urlVerificationSchema.safeParse(body);
      if (!challenge.success) throw issues(challenge.error);
      return jsonResponse({ challenge: challenge.data.challenge });
    }
    // X-Slack-Retry-Num: 1, 2 or 3 in HTTP mode; X-Slack-Retry-Reason: http_timeout, http_error, …
    const retryNum = Number(headers.get('x-slack-retry-num')) || undefined;
    const retryReason = headers.get('x-slack-retry-reason') || undefined;
    const key = dedupKey(body);
    if (key && !(await options.events.claim(key, connection.workspaceId))) {
      logger.info(
        { slack_key: key, retry_num: retryNum, retry_reason: retryReason },
        'slack delivery already handled',
      );
      return new Response('', { status: 200 });
    }

    let settle: (response: unknown) => void = () => {};
    const acked = new Promise<unknown>((resolve) => {
      settle = resolve;
    });
    const event: ReceiverEvent = {
      body,
      retryNum,
      retryReason,
      customProperties: {
        claraWorkspaceId: connection.workspaceId,
        claraTeamId: connection.teamId,
        claraInstallerUserId: connection.installerUserId,
      },
      ack: async (response?: unknown) => settle(response),
    };
    connections.set(body, connection);
    // Processing runs on after the HTTP answer: Slack retries anything not acked within 3 s.
    const processing = app.processEvent(event).then(
      () => settle(undefined),
      (error: unknown) => {
        settle(undefined);
        logger.error({ err: error, slack_type: body.type }, 'slack event processing failed');
      },
    );
    options.track?.(processing);
    const timer = setTimeout(() => settle(undefined), ackTimeoutMs);
    const response = await acked;
    clearTimeout(timer);
    if (response === undefined || response === '') return new Response('', { status: 200 });
    if (typeof response === 'string') return new Response(response, { status: 200 });
    return jsonResponse(response);
  }

  return {
    init(bolt: App) {
      app = bolt;
    },
    async start() {
      running = true;
    },
    async stop() {
      running = false;
    },
    handle,
    connectionFor: (body) => connections.get(body),
  };
}
