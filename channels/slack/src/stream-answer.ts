import type { Logger } from '@clara/core';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-error';

/** Where a streamed answer goes: a thread, and the person it answers (required outside DMs). */
export interface StreamTarget {
  channelId: string;
  threadTs: string;
  userId: string;
  teamId: string;
}

/**
 * A model's answer streamed into a Slack thread with `chat.startStream` / `appendStream` /
 * `stopStream`. Text is buffered and sent at most once per interval (appendStream is rate
 * limited like chat.update). When Slack refuses to start a stream (an app or workspace without
 * it), `push` answers false and the caller falls back to its placeholder updates.
 */
export interface AnswerStream {
  /** Adds text as the model writes it; false once Slack has refused the stream. */
  push(text: string): Promise<boolean>;
  /** The streamed message's ts, once Slack started the stream. */
  readonly ts: string | undefined;
  /** Sends what is buffered and ends the stream; the message then takes regular updates. */
  stop(): Promise<void>;
}

/** Opens a stream lazily: nothing is sent until the first text arrives. */
export function createAnswerStream(
  client: WebClient,
  target: StreamTarget,
  options: { intervalMs: number; logger: Logger; now?: () => number },
): AnswerStream {
  const now = options.now ?? Date.now;
  let ts: string | undefined;
  let refused = false;
  let pending = '';
  let lastSent = 0;
  const flush = async () => {
    if (!ts || pending === '') return;
    const markdown_text = pending;
    pending = '';
    lastSent = now();
    await client.chat.appendStream({ channel: target.channelId, ts, markdown_text });
  };
  return {
    get ts() {
      return ts;
    },
    async push(text) {
      if (refused) return false;
      pending += text;
      if (ts) {
        if (now() - lastSent >= options.intervalMs) await flush();
        return true;
      }
      try {
        const started = await client.chat.startStream({
          channel: target.channelId,
          thread_ts: target.threadTs,
          markdown_text: pending,
          // Required when streaming to a channel rather than a DM.
          recipient_user_id: target.userId,
          recipient_team_id: target.teamId,
        });
        ts = started.ts;
        pending = '';
        lastSent = now();
        if (!ts) refused = true;
      } catch (error) {
        refused = true;
        options.logger.debug(
          { slack_error: slackErrorCode(error) },
          'slack streaming refused; updating instead',
        );
      }
      return !refused;
    },
    async stop() {
      if (!ts) return;
      const markdown_text = pending;
      pending = '';
      await client.chat.stopStream({
        channel: target.channelId,
        ts,
        ...(markdown_text ? { markdown_text } : {}),
      });
    },
  };
}
