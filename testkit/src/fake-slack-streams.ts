import type { FakeSlackBot, FakeSlackMessage } from './fake-slack-api';

/** What the streaming methods share with the rest of the fake: its record of channels and its clock. */
export interface FakeStreamsContext {
  channels: Map<string, FakeSlackMessage[]>;
  addMessage(channel: string, message: FakeSlackMessage): void;
  nextTs(): string;
}

/**
 * chat.startStream / appendStream / stopStream on the fake Slack Web API, in Slack's wire
 * format: a stream is a message in a thread whose text grows until it is stopped; a stopped
 * stream takes no more text (`message_not_in_streaming_state`). Refused to bots without `streaming`.
 */
export function createFakeStreams(ctx: FakeStreamsContext) {
  // Messages being streamed (chat.startStream until chat.stopStream), by ts.
  const streams = new Map<string, { channel: string; text: string; open: boolean }>();
  const streamText = (ts: string, text: unknown) => {
    const stream = streams.get(ts);
    if (!stream || typeof text !== 'string') return;
    stream.text += text;
    const message = ctx.channels.get(stream.channel)?.find((m) => m.ts === ts);
    if (message) message.text = stream.text;
  };

  function answer(method: string, a: Record<string, unknown>, bot: FakeSlackBot): Record<string, unknown> {
    if (method === 'chat.startStream') {
      if (!bot.streaming) return { ok: false, error: 'not_allowed_token_type' };
      const channel = String(a.channel ?? '');
      // Outside a DM the stream names its reader: recipient_user_id and recipient_team_id.
      const dm = channel.startsWith('D');
      if (!channel || (!dm && (!a.recipient_user_id || !a.recipient_team_id)))
        return { ok: false, error: 'invalid_arguments' };
      // markdown_text: "Limit this field to 12,000 characters."
      if (typeof a.markdown_text === 'string' && a.markdown_text.length > 12_000)
        return { ok: false, error: 'msg_too_long' };
      const ts = ctx.nextTs();
      ctx.addMessage(channel, {
        ts,
        thread_ts: a.thread_ts === undefined ? undefined : String(a.thread_ts),
        user: bot.botUserId,
        bot_id: bot.botId,
        text: '',
      });
      streams.set(ts, { channel, text: '', open: true });
      streamText(ts, a.markdown_text);
      return { ok: true, channel, ts };
    }
    const stream = streams.get(String(a.ts));
    if (!stream || stream.channel !== a.channel) return { ok: false, error: 'message_not_found' };
    if (!stream.open) return { ok: false, error: 'message_not_in_streaming_state' };
    if (method === 'chat.appendStream' && typeof a.markdown_text !== 'string')
      return { ok: false, error: 'invalid_arguments' };
    streamText(String(a.ts), a.markdown_text);
    if (method === 'chat.appendStream') return { ok: true, channel: a.channel, ts: a.ts };
    stream.open = false;
    return {
      ok: true,
      channel: a.channel,
      ts: a.ts,
      message: { type: 'message', text: stream.text, ts: a.ts, bot_id: bot.botId },
    };
  }

  return { answer };
}
