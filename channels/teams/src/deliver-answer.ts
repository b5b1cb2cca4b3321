import type { AssistantMessage, ChatEngine, Logger, TurnInput, WorkspaceSettings } from '@clara/core';
import type { TurnContext } from 'botbuilder';
import type { ConversationScope } from './activity-schema';
import { renderReply } from './render-reply';
import { createTeamsAnswerStream, type TeamsAnswerStream } from './stream-answer';
import type { StreamRefusals } from './stream-refusals';

/** Teams documents about one streaming request per second; updates are buffered for 1.5 s. */
export const defaultStreamIntervalMs = 1_500;

export interface DeliverAnswerDeps {
  engine: Pick<ChatEngine, 'stream'>;
  logger: Logger;
  /** Least time between two streaming updates (default 1.5 s). */
  streamIntervalMs?: number | undefined;
  /** Tenants and bots whose Teams refused streaming recently (shared by the channel's answers). */
  refusals?: StreamRefusals | undefined;
  now?: () => number;
}

export interface AnswerToDeliver {
  turn: TurnInput;
  scope: ConversationScope;
  settings: WorkspaceSettings;
  feedback: boolean;
  /** Whose permission streaming needs: the tenant and the bot (the refusal memory's key). */
  streamKey: string;
  /** Called once streaming has started: the plain typing indicator is no longer needed. */
  onStreamStart?: () => void;
}

/**
 * Runs the turn and sends the reply on `context`. A model's answer in a personal chat streams
 * (informative update, cumulative chunks, final message with the rendered reply); extractive
 * answers, replays, group chats and channels get the whole message, as does any answer whose
 * stream the connector refused. The stored message is the engine's final text either way.
 */
export async function deliverAnswer(
  context: TurnContext,
  deps: DeliverAnswerDeps,
  answer: AnswerToDeliver,
): Promise<AssistantMessage | undefined> {
  let stream: TeamsAnswerStream | undefined;
  let streaming = false;
  let final: AssistantMessage | undefined;
  for await (const event of deps.engine.stream(answer.turn)) {
    if (event.type === 'meta') {
      const allowed = deps.refusals?.allows(answer.streamKey) !== false;
      if (event.mode === 'llm' && !event.replay && answer.scope === 'personal' && allowed) {
        stream = createTeamsAnswerStream(context, {
          intervalMs: deps.streamIntervalMs ?? defaultStreamIntervalMs,
          logger: deps.logger,
          ...(deps.now ? { now: deps.now } : {}),
        });
        streaming = await stream.start();
        if (streaming) answer.onStreamStart?.();
        else if (stream.notAllowed) deps.refusals?.refused(answer.streamKey);
      }
    } else if (event.type === 'delta') {
      if (streaming) await stream?.push(event.text);
    } else if (event.type === 'reset') {
      // The provider failed mid-answer: the extractive answer follows and does not extend the
      // streamed text (Teams refuses that); the final message carries it.
      stream?.halt();
    } else {
      final = event.message;
    }
  }
  if (!final) return undefined;
  const reply = renderReply(final, answer.settings, answer.scope, { feedback: answer.feedback });
  if (streaming && (await stream?.finish(reply))) return final;
  await context.sendActivity(reply);
  return final;
}
