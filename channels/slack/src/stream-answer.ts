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

/** Slack teams that refused a stream recently: their answers skip `startStream` for a while. */
export interface StreamRefusals {
  allows(teamId: string): boolean;
  refused(teamId: string): void;
}

/** Remembers refusals for `ttlMs` (default 10 minutes), so a team without streaming costs one refused call, not one per answer. */
export function createStreamRefusals(ttlMs = 600_000, now: () => number = Date.now): StreamRefusals {
  const until = new Map<string, number>();
  return {
    allows(teamId) {
      const t = until.get(teamId);
      if (t === undefined) return true;
      if (now() < t) return false;
      until.delete(teamId);
      return true;
    },
    refused(teamId) {
      until.set(teamId, now() + ttlMs);
    },
  };
}

/** Opens a stream lazily: nothing is sent until the first text arrives. */
export function createAnswerStream(
  client: WebClient,
  target: StreamTarget,
  options: { intervalMs: number; logger: Logger; now?: () => number; refusals?: StreamRefusals | undefined },
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
        const code = slackErrorCode(error);
        // Slack said no (not a rate limit, not a client or network failure): no streams for this team for now.
        if (code && code !== 'ratelimited' && !code.startsWith('slack_'))
          options.refusals?.refused(target.teamId);
        options.logger.debug({ slack_error: code }, 'slack streaming refused; updating instead');
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
