/** The `streaminfo` entity of a streamed bot message, as Teams reads it. */
export interface StreamInfo {
  streamId?: string;
  streamType?: 'informative' | 'streaming' | 'final';
  streamSequence?: number;
}

/** One stream the fake Bot Connector saw: its activities in order, and whether it was finished. */
export interface FakeStream {
  streamId: string;
  conversationId: string;
  // biome-ignore lint/suspicious/noExplicitAny: activities are checked by the tests' assertions
  activities: Record<string, any>[];
  finished: boolean;
  startedAt: number;
}

/** How the fake answers one activity POST. */
export interface StreamReply {
  status: number;
  body: unknown;
}

/** What the fake does with streaming: Teams' rules (one-on-one chats only), or a tenant that refuses it. */
export type StreamingPolicy = 'teams' | 'refuse';

const refusal = (message: string): StreamReply => ({
  status: 403,
  body: { error: { code: 'ContentStreamNotAllowed', message } },
});
const badRequest = (message: string): StreamReply => ({
  status: 400,
  body: { error: { code: 'BadRequest', message } },
});

/** The `streaminfo` entity of an activity, if it has one. */
// biome-ignore lint/suspicious/noExplicitAny: a raw activity
export function streamInfoOf(activity: Record<string, any>): StreamInfo | null {
  const entities: unknown = activity.entities;
  if (!Array.isArray(entities)) return null;
  const found = entities.find(
    (e): e is StreamInfo & { type: string } =>
      typeof e === 'object' &&
      e !== null &&
      String((e as { type?: unknown }).type).toLowerCase() === 'streaminfo',
  );
  return found ?? null;
}

/**
 * Teams' streaming protocol as the Bot Connector enforces it (learn.microsoft.com, "Stream bot
 * messages", REST API): the first activity (no streamId, `streamSequence` 1) answers 201 with
 * the stream id; later ones 202 `{}`; typing activities carry text and increasing sequence
 * numbers, each streaming text extending the last; the final message has no sequence; nothing
 * after the final; streaming only in personal (one-on-one) chats; two minutes per stream.
 */
export function createStreamRecorder(
  policy: () => StreamingPolicy,
  maxStreamMs: () => number = () => 120_000,
) {
  const streams = new Map<string, FakeStream>();
  let next = 1;

  return {
    streams,
    /** Answers an activity with a `streaminfo` entity (null: not a streamed activity). */
    // biome-ignore lint/suspicious/noExplicitAny: a raw activity
    handle(conversationId: string, activity: Record<string, any>): StreamReply | null {
      const info = streamInfoOf(activity);
      if (!info) return null;
      if (policy() === 'refuse') return refusal('Content stream is not allowed');
      const type = activity.conversation?.conversationType;
      if (type !== undefined && type !== 'personal') return refusal('Content stream is not allowed');
      const final = info.streamType === 'final';
      if (final ? activity.type !== 'message' : activity.type !== 'typing')
        return badRequest('Streaming activities are typing activities; the final one is a message');
      if (!final && (typeof activity.text !== 'string' || activity.text === ''))
        return badRequest('Start streaming activities should include text');
      if (final && info.streamSequence !== undefined)
        return badRequest('The final streaming message must not set streamSequence');
      if (!info.streamId) {
        if (final || info.streamSequence !== 1) return badRequest('A stream starts with streamSequence 1');
        const streamId = `stream-${next++}`;
        streams.set(streamId, {
          streamId,
          conversationId,
          activities: [activity],
          finished: false,
          startedAt: Date.now(),
        });
        return { status: 201, body: { id: streamId } };
      }
      const stream = streams.get(info.streamId);
      if (!stream || stream.conversationId !== conversationId) return badRequest('Unknown streamId');
      if (stream.finished)
        return refusal('Content stream is not allowed on an already completed streamed message');
      // Teams gives a stream two minutes from its first update.
      if (Date.now() - stream.startedAt > maxStreamMs()) {
        stream.finished = true;
        return refusal('Content stream finished due to exceeded streaming time.');
      }
      if (!final) {
        const last = [...stream.activities]
          .reverse()
          .find((a) => streamInfoOf(a)?.streamSequence !== undefined);
        const lastSequence = last ? (streamInfoOf(last)?.streamSequence ?? 0) : 0;
        if (typeof info.streamSequence !== 'number' || info.streamSequence <= lastSequence) {
          // Teams drops an out-of-order update and says so with a 202.
          return {
            status: 202,
            body: { error: { code: 'ContentStreamSequenceOrderPreConditionFailed' } },
          };
        }
        const lastText = [...stream.activities]
          .reverse()
          .find((a) => streamInfoOf(a)?.streamType === 'streaming')?.text as string | undefined;
        if (info.streamType !== 'informative' && lastText && !activity.text.startsWith(lastText))
          return badRequest('Streaming content must include the previously streamed content');
      }
      stream.activities.push(activity);
      if (final) stream.finished = true;
      return { status: 202, body: {} };
    },
  };
}
