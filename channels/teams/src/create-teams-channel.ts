import { type Channel, ClaraError, jsonResponse, readJsonBody } from '@clara/core';
import {
  type Request as BotRequest,
  type Response as BotResponse,
  CloudAdapter,
  type TurnContext,
} from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { z } from 'zod';
import { type BotFrameworkEndpoints, createTeamsAuthentication } from './authentication';
import { connectorRefused } from './connector-refused';
import { connectorUnreachable } from './connector-unreachable';
import type { TeamsChannelDeps } from './ports';
import { createTurnHandler, type DeferredAnswer } from './turn-handler';

export interface TeamsChannelOptions extends TeamsChannelDeps {
  /** The workspace the Emulator's unauthenticated mode answers from (`TEAMS_WORKSPACE_ID`). */
  emulatorWorkspaceId?: string | undefined;
  endpoints?: BotFrameworkEndpoints | undefined;
  typingIntervalMs?: number | undefined;
  /** Least time between two streaming updates in a personal chat (default 1.5 s; Teams allows about one a second). */
  streamIntervalMs?: number | undefined;
  /**
   * How long the HTTP request waits for the answer before it is acknowledged and the answer
   * is delivered proactively (the Bot Framework gives a bot 15 s, then reports 504 and may
   * redeliver). Default 1 s.
   */
  ackWithinMs?: number | undefined;
}

interface TeamsHttpResponse {
  status: number;
  body?: unknown;
}

// Bot Framework activities are small; attachments arrive as links, not inline.
const bodyLimit = 256 * 1024;

/**
 * A failure inside the bot logic, without the connector's request (it holds the bearer token);
 * a Bot Connector at the activity's `serviceUrl` that could not be reached or answered with an
 * HTTP error is `unavailable`.
 */
function sanitize(error: unknown, serviceUrl?: unknown): ClaraError {
  if (error instanceof ClaraError) return error;
  const unreachable = connectorUnreachable(error, serviceUrl);
  if (unreachable) return unreachable;
  const refused = connectorRefused(error, serviceUrl);
  if (refused) return refused;
  const e = error as { name?: unknown; message?: unknown; statusCode?: unknown };
  const summary = new Error(`${String(e?.name ?? 'Error')}: ${String(e?.message ?? '')}`.slice(0, 500));
  const status = typeof e?.statusCode === 'number' ? ` (Bot Connector HTTP ${e.statusCode})` : '';
  return new ClaraError('internal', `The Teams reply could not be completed${status}.`, { cause: summary });
}

// Before authentication only the envelope is checked; the activity itself is parsed after.
const envelopeSchema = z.looseObject({ type: z.string().min(1).max(100) });

const rejections: Record<number, ClaraError> = {
  400: new ClaraError('bad_request', 'The body is not a Bot Framework activity.'),
  401: new ClaraError('unauthorized', 'The request does not carry a valid Bot Framework token.'),
  405: new ClaraError('method_not_allowed', 'Send activities with POST.'),
};

/**
 * Creates the Teams channel: botbuilder's CloudAdapter with ConfigurationBotFrameworkAuthentication
 * (every request needs a valid Bot Framework token once a bot is registered; none registered
 * is the Bot Framework Emulator's unauthenticated mode), running Clara's turn logic.
 */
export function createTeamsChannel(options: TeamsChannelOptions): Channel {
  const { logger } = options;
  const authentication = createTeamsAuthentication(options.credentials, options.endpoints, (reason) =>
    logger.warn({ reason }, 'teams request rejected: invalid Bot Framework token'),
  );
  const adapter = new CloudAdapter(authentication);
  const handleTurn = createTurnHandler(options);
  const ackWithinMs = options.ackWithinMs ?? 1_000;

  /** Waits for the answer up to the ack window; past it the answer goes on and is only logged if it fails. */
  async function settle(
    deferred: DeferredAnswer,
    acked: { value: boolean },
    serviceUrl: unknown,
  ): Promise<void> {
    const outcome = deferred.done.then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    options.track?.(outcome.then(() => undefined));
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      outcome,
      new Promise<'pending'>((resolve) => {
        timer = setTimeout(() => resolve('pending'), ackWithinMs);
      }),
    ]);
    clearTimeout(timer);
    if (first === 'pending') {
      acked.value = true;
      logger.info({ ack_within_ms: ackWithinMs }, 'teams answer continues after the acknowledgement');
      void outcome.then((late) => {
        if (late.ok) return;
        const error = sanitize(late.error, serviceUrl);
        if (error.code === 'unavailable')
          logger.warn({ ...(error.details as object) }, 'teams answer failed after the acknowledgement');
        else logger.error({ err: error.cause }, 'teams answer failed after the acknowledgement');
      });
      return;
    }
    if (!first.ok) {
      const error = sanitize(first.error, serviceUrl);
      if (error.code === 'internal') logger.error({ err: error.cause }, 'teams turn failed');
      throw error;
    }
  }

  async function processActivity(headers: Record<string, string>, body: unknown): Promise<TeamsHttpResponse> {
    const out: TeamsHttpResponse = { status: 200 };
    // What CloudAdapter.process expects of an Express/Restify-style response.
    const response: BotResponse = {
      socket: undefined,
      header: () => undefined,
      status: (code: number) => {
        out.status = code;
      },
      send: (body: unknown) => {
        out.body = body;
      },
      end: () => undefined,
    };
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) throw rejections[400] as ClaraError;
    const req: BotRequest = { method: 'POST', headers, body: envelope.data };
    let failure: unknown;
    let deferred: DeferredAnswer | undefined;
    const acked = { value: false };
    await adapter.process(req, response, async (context: TurnContext) => {
      const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
      // Channel tokens carry the bot's app id as `aud`; the Emulator's mode has no claims.
      const appId = identity?.getClaimValue('aud') || null;
      try {
        deferred = await handleTurn(context, appId, acked);
      } catch (error) {
        // Kept from CloudAdapter, which would print it (connector errors include the request).
        failure = error;
      }
    });
    if (failure !== undefined) {
      const error = sanitize(failure, envelope.data.serviceUrl);
      if (error.code === 'internal') logger.error({ err: error.cause }, 'teams turn failed');
      throw error;
    }
    // 501 is the Bot Framework's answer to an invoke the bot does not implement.
    if (out.status === 501 && envelope.data.type === 'invoke') return out;
    if (out.status >= 400) {
      throw (
        rejections[out.status] ?? new ClaraError('internal', 'The Teams activity could not be processed.')
      );
    }
    if (deferred) await settle(deferred, acked, envelope.data.serviceUrl);
    return out;
  }

  return {
    name: 'teams',
    // The messaging endpoint of Clara's Azure Bot registrations.
    routes: [{ method: 'POST', path: '/teams/messages' }],
    async handle(request) {
      const body = await readJsonBody(request, bodyLimit);
      const out = await processActivity(Object.fromEntries(request.headers), body);
      if (out.body === undefined || out.body === null || out.body === '')
        return new Response('', { status: out.status });
      if (typeof out.body === 'string') return new Response(out.body, { status: out.status });
      return jsonResponse(out.body, { status: out.status });
    },
  };
}
