import { type AssistantMessage, isClaraError, type Logger } from '@clara/core';
import type { WebClient } from '@slack/web-api';
import { setThreadTitle } from './assistant-thread';
import { type SlackPlace, sessionMetadataFor, sessionTokenFor } from './conversation';
import { toMrkdwn } from './mrkdwn';
import type { SlackChannelCore } from './ports';
import { renderReply } from './render-reply';
import { slackErrorCode } from './slack-error';
import { type AnswerStream, createAnswerStream, type StreamRefusals } from './stream-answer';

export interface SlackQuestion {
  workspaceId: string;
  place: SlackPlace;
  userId: string;
  userName: string | undefined;
  messageId: string;
  question: string;
  /** Set for a chip click, so the answer shows who asked what. */
  askedByClick?: boolean;
  /**
   * A DM thread, as Slack's AI apps have (assistant threads): the status is shown with
   * `assistant.threads.setStatus` rather than a placeholder message, where Slack allows it.
   */
  assistantThread?: boolean;
}

export interface PostAnswerDeps extends SlackChannelCore {
  logger: Logger;
  /** Least time between two `chat.update`s while an answer streams (Slack's tier 3: ~50/min per channel). */
  updateIntervalMs: number;
  /** Teams that refused streaming recently (shared by the channel's answers). */
  streamRefusals?: StreamRefusals | undefined;
  now?: () => number;
}

export { slackErrorCode };

/** The placeholder posted at once while an answer is written (deleted when the answer is posted). */
export const thinkingText = '_Thinking…_';

/** Shows that Clara is working, at once: an assistant-thread status where Slack allows it, else a placeholder message. */
async function showThinking(
  client: WebClient,
  deps: PostAnswerDeps,
  q: SlackQuestion,
): Promise<{ placeholderTs?: string | undefined; assistant?: true }> {
  if (q.assistantThread && q.place.threadTs) {
    try {
      await client.assistant.threads.setStatus({
        channel_id: q.place.channelId,
        thread_ts: q.place.threadTs,
        status: 'is thinking…',
      });
      return { assistant: true };
    } catch (error) {
      // Not an AI app (or no assistant:write scope): fall back to a placeholder message.
      deps.logger.debug({ slack_error: slackErrorCode(error) }, 'slack assistant status not available');
    }
  }
  try {
    const posted = await client.chat.postMessage({
      channel: q.place.channelId,
      text: thinkingText,
      ...(q.place.threadTs ? { thread_ts: q.place.threadTs } : {}),
    });
    return { placeholderTs: posted.ts };
  } catch (error) {
    // The turn still runs and is stored (a later retry replays it); the answer's post reports again.
    deps.logger.warn({ slack_error: slackErrorCode(error) }, 'slack placeholder not posted');
    return {};
  }
}

/**
 * Runs one turn through the core and answers in Slack: a status at once (before retrieval or
 * the model start). A model's answer in a thread is streamed (chat.startStream, throttled
 * appends, stopStream) and the streamed message then updated to the rendered reply; where Slack
 * refuses streaming, or for an extractive answer, the placeholder is updated as the answer
 * streams and the rendered reply posted as a new message (so the notification reads the
 * answer, not "Thinking…"). The placeholder is deleted either way. A replayed turn posts nothing.
 * Slack API errors are logged with their code; the turn itself is already stored by the engine.
 */
export async function postAnswer(client: WebClient, deps: PostAnswerDeps, q: SlackQuestion): Promise<void> {
  const now = deps.now ?? Date.now;
  const log = { workspace_id: q.workspaceId, slack_channel: q.place.channelId, message_id: q.messageId };
  const thread = q.place.threadTs ? { thread_ts: q.place.threadTs } : {};
  let placeholderTs: string | undefined;
  const dropPlaceholder = async () => {
    if (!placeholderTs) return;
    const ts = placeholderTs;
    placeholderTs = undefined;
    await client.chat
      .delete({ channel: q.place.channelId, ts })
      .catch((e: unknown) =>
        deps.logger.warn({ ...log, slack_error: slackErrorCode(e) }, 'slack placeholder not deleted'),
      );
  };
  try {
    const thinking = await showThinking(client, deps, q);
    placeholderTs = thinking.placeholderTs;
    if (thinking.assistant && q.place.threadTs) {
      // An assistant thread is named after its first question (Slack lists threads by title).
      const earlier = await deps.store.history(q.workspaceId, sessionTokenFor(q.place));
      if (earlier.length === 0) {
        await setThreadTitle(
          client,
          deps.logger,
          { channelId: q.place.channelId, threadTs: q.place.threadTs },
          q.question,
        );
      }
    }
    let lastUpdate = now();
    const events = deps.engine.stream({
      workspaceId: q.workspaceId,
      sessionToken: sessionTokenFor(q.place),
      messageId: q.messageId,
      message: q.question,
      visitor: q.userName ? { name: q.userName } : undefined,
      sessionMetadata: sessionMetadataFor(q.place, q.userId),
    });
    let text = '';
    let final: AssistantMessage | undefined;
    // A model's answer streams into the thread where Slack allows it (chat.startStream).
    let stream: AnswerStream | undefined;
    let streamOpen = false;
    for await (const event of events) {
      if (event.type === 'meta') {
        if (event.replay) {
          deps.logger.info(log, 'slack turn already answered; not posting again');
          await dropPlaceholder();
          return;
        }
        if (
          event.mode === 'llm' &&
          q.place.threadTs &&
          deps.streamRefusals?.allows(q.place.teamId) !== false
        ) {
          const target = { ...q.place, threadTs: q.place.threadTs, userId: q.userId };
          stream = createAnswerStream(client, target, {
            intervalMs: deps.updateIntervalMs,
            logger: deps.logger,
            now,
            refusals: deps.streamRefusals,
          });
          streamOpen = true;
        }
      } else if (event.type === 'delta') {
        text += event.text;
        if (stream && streamOpen && (await stream.push(event.text))) {
          // The streamed message shows the answer: the placeholder goes.
          await dropPlaceholder();
          continue;
        }
        if (placeholderTs && now() - lastUpdate >= deps.updateIntervalMs) {
          lastUpdate = now();
          await client.chat.update({ channel: q.place.channelId, ts: placeholderTs, text: toMrkdwn(text) });
        }
      } else if (event.type === 'reset') {
        // The provider failed mid-answer: what follows is the extractive answer from the start.
        // A started stream takes no more text; its message is replaced by the final reply below.
        text = '';
        streamOpen = false;
      } else {
        final = event.message;
      }
    }
    if (!final) return;
    const workspace = await deps.store.getWorkspace(q.workspaceId);
    const rendered = renderReply(final, {
      bookingUrl: workspace?.settings.booking_url ?? null,
      askedBy: q.askedByClick ? { userId: q.userId, question: q.question } : undefined,
    });
    if (stream?.ts) {
      await stream
        .stop()
        .catch((e: unknown) =>
          deps.logger.warn({ ...log, slack_error: slackErrorCode(e) }, 'slack stream not stopped'),
        );
      // The streamed markdown becomes the stored reply's rendering (buttons, feedback, notices).
      await client.chat.update({ channel: q.place.channelId, ts: stream.ts, ...rendered });
    } else {
      await client.chat.postMessage({ channel: q.place.channelId, ...thread, ...rendered });
    }
    await dropPlaceholder();
    deps.logger.info(
      { ...log, gap: final.gap_detected, confidence: final.confidence },
      'slack answer posted',
    );
  } catch (error) {
    const slackError = slackErrorCode(error);
    if (isClaraError(error)) {
      deps.logger.warn({ ...log, code: error.code }, 'slack question not answered');
      const text =
        error.code === 'validation_failed'
          ? `Sorry, I can't answer that: ${error.message}`
          : 'Sorry, something went wrong on my side.';
      const sent = placeholderTs
        ? client.chat.update({ channel: q.place.channelId, ts: placeholderTs, text })
        : client.chat.postMessage({ channel: q.place.channelId, text, ...thread });
      await sent.catch((e: unknown) =>
        deps.logger.warn({ ...log, slack_error: slackErrorCode(e) }, 'slack notice failed'),
      );
      return;
    }
    deps.logger.error(
      { ...log, slack_error: slackError, err: slackError ? undefined : error },
      'slack answer failed',
    );
  }
}
