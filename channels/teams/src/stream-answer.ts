import type { Logger } from '@clara/core';
import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { keepEntityFields } from './entity-serialization';

// Without it botbuilder 4.23.3 sends the streaminfo entity without its fields.
keepEntityFields();

/** What Teams shows under the chat (a blue progress bar) until the first words arrive; ≤ 1,000 characters. */
export const informativeText = 'Looking through the knowledge base…';

/**
 * A model's answer streamed into a Teams personal chat with the Bot Framework's streaming
 * protocol: an informative update (typing, `streamType: "informative"`, sequence 1) whose
 * response carries the stream id, typing activities with the cumulative text so far
 * (`streamType: "streaming"`, increasing sequence) at most once per interval, then the final
 * message (`streamType: "final"`, no sequence) with the full rendering.
 */
export interface TeamsAnswerStream {
  /** Sends the informative update; false when the connector refused streaming (send the whole message instead). */
  start(): Promise<boolean>;
  /** Adds the model's text; the text so far goes out once the interval has passed since the last update. */
  push(text: string): Promise<void>;
  /** No more chunks (the text restarted after a provider failure, or the connector stopped taking them). */
  halt(): void;
  /** Sends the final message; false when the connector refused it or ended the stream (send the whole message instead). */
  finish(reply: Partial<Activity>): Promise<boolean>;
  /** The id the connector gave the stream, once started. */
  readonly streamId: string | undefined;
  /** True when Teams answered the informative update with 403: streaming is not allowed here. */
  readonly notAllowed: boolean;
}

/** The connector's HTTP status, error code and message of a failed send (no request, no token). */
export function connectorFailure(error: unknown): { status?: number; code?: string; detail?: string } {
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    body?: unknown;
    response?: { bodyAsText?: unknown };
  };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  let body = e?.body as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (!body && typeof e?.response?.bodyAsText === 'string') {
    try {
      body = JSON.parse(e.response.bodyAsText);
    } catch {
      body = undefined;
    }
  }
  const code =
    typeof body?.error?.code === 'string'
      ? body.error.code
      : typeof e?.code === 'string'
        ? e.code
        : undefined;
  const detail = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 200) : undefined;
  return {
    ...(status !== undefined ? { status } : {}),
    ...(code ? { code: code.slice(0, 100) } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** The `streaminfo` entity, also mirrored in `channelData` as older Teams clients read it. */
function streamFields(info: Record<string, unknown>): Partial<Activity> {
  return { entities: [{ type: 'streaminfo', ...info }], channelData: { ...info } };
}

/** Creates a stream on the turn context (a proactive turn replying to the question). */
export function createTeamsAnswerStream(
  context: TurnContext,
  options: { intervalMs: number; logger: Logger; now?: () => number },
): TeamsAnswerStream {
  const now = options.now ?? Date.now;
  const log = options.logger;
  let streamId: string | undefined;
  let sequence = 0;
  let text = '';
  let sentText = '';
  let lastSent = 0;
  let halted = false;
  let ended = false;
  let notAllowed = false;

  const chunk = async () => {
    sequence += 1;
    const info = { streamId, streamType: 'streaming', streamSequence: sequence };
    sentText = text;
    await context.sendActivity({ type: ActivityTypes.Typing, text, ...streamFields(info) });
    lastSent = now();
  };

  return {
    get streamId() {
      return streamId;
    },
    get notAllowed() {
      return notAllowed;
    },
    async start() {
      sequence = 1;
      const info = { streamType: 'informative', streamSequence: sequence };
      try {
        const sent = await context.sendActivity({
          type: ActivityTypes.Typing,
          text: informativeText,
          ...streamFields(info),
        });
        streamId = sent?.id || undefined;
      } catch (error) {
        const failure = connectorFailure(error);
        // "Content stream is not allowed": streaming is off for this user or bot (not a busy chat or a size limit).
        notAllowed =
          failure.status === 403 && /^content stream is not allowed\.?$/i.test(failure.detail ?? '');
        log.info(failure, 'teams streaming refused; sending the whole answer');
        return false;
      }
      lastSent = now();
      if (!streamId) log.info({}, 'teams streaming gave no stream id; sending the whole answer');
      return streamId !== undefined;
    },
    async push(delta) {
      text += delta;
      if (!streamId || halted || now() - lastSent < options.intervalMs) return;
      try {
        await chunk();
      } catch (error) {
        const failure = connectorFailure(error);
        // Over quota: skip this update, the next one carries the text. Anything else ends the chunks.
        if (failure.status === 429) lastSent = now();
        else {
          // The stream is over for Teams (time limit, size, refused): the final would be refused too.
          halted = true;
          ended = true;
        }
        log.info(failure, 'teams streaming update not sent');
      }
    },
    halt() {
      halted = true;
    },
    async finish(reply) {
      if (!streamId || ended) return false;
      const info = { streamId, streamType: 'final' };
      const fields = streamFields(info);
      try {
        await context.sendActivity({
          ...reply,
          type: ActivityTypes.Message,
          entities: [...(reply.entities ?? []), ...(fields.entities ?? [])],
          channelData: { ...(reply.channelData ?? {}), ...fields.channelData },
        });
        log.debug({ updates: sequence, streamed_chars: sentText.length }, 'teams answer streamed');
        return true;
      } catch (error) {
        log.info(connectorFailure(error), 'teams final streamed message refused; sending the whole answer');
        return false;
      }
    },
  };
}
