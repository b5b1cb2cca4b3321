import { ClaraError } from '../errors';
import type { ChatStore, Embedder, GapInput } from '../ports';
import type { AssistantMessage, ChatMessage } from '../schemas/chat-message';
import type { QaMatch } from '../schemas/qa-pair';
import type { WorkspaceSettings } from '../schemas/settings';
import { pickChips } from './chips';
import { confidenceOf, isGap, searchCount, searchThreshold } from './confidence';
import { extractiveAnswer } from './extractive-answer';
import { replyIdFor } from './reply-id';
import { type TurnEvent, type TurnInput, type TurnResult, turnInputSchema } from './turn-types';

export interface ChatEngineOptions {
  store: ChatStore;
  embedder: Embedder;
  now?: () => Date;
  /** How long another caller's unanswered turn is waited for before this one takes over. */
  inFlightLeaseMs?: number;
  pollIntervalMs?: number;
}

export interface ChatEngine {
  /** Runs one turn to completion. Idempotent by `messageId`. */
  turn(input: TurnInput): Promise<TurnResult>;
  /** The same turn as a stream of events for channels that show text as it comes. */
  stream(input: TurnInput): AsyncGenerator<TurnEvent>;
}

// Chip candidates come from one wider search; this floor keeps unrelated pairs out.
const chipFloor = 0.15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the channel-agnostic chat engine: embed → search → confidence → answer → chips → gap → persist. */
export function createChatEngine(options: ChatEngineOptions): ChatEngine {
  const { store, embedder } = options;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.inFlightLeaseMs ?? 30_000;
  const pollMs = options.pollIntervalMs ?? 50;
  // Concurrent repeats inside this process share one promise; across processes the store decides.
  const inFlight = new Map<string, Promise<TurnResult>>();

  async function answer(
    settings: WorkspaceSettings,
    workspaceId: string,
    question: string,
    replyId: string,
  ): Promise<{ reply: AssistantMessage; gap: GapInput | null }> {
    const [embedding] = await embedder.embed([question]);
    if (!embedding) throw new ClaraError('internal', 'The embedder returned no vector.');
    const candidates = await store.search(workspaceId, embedding, {
      threshold: chipFloor,
      count: searchCount + settings.max_suggestion_chips + 1,
    });
    const matches = candidates.filter((m) => m.similarity > searchThreshold).slice(0, searchCount);
    const top: QaMatch | null = matches[0] ?? null;
    const confidence = confidenceOf(matches, question);
    const gap = isGap(confidence, settings.confidence_threshold);
    const chips = pickChips(candidates, {
      max: settings.max_suggestion_chips,
      answered: gap ? null : top,
      asked: question,
    });
    const content = extractiveAnswer(top, !gap, chips.length > 0);
    const reply: AssistantMessage = {
      message_id: replyId,
      role: 'assistant',
      content,
      timestamp: now().toISOString(),
      suggestion_chips: chips,
      gap_detected: gap,
      matched_qa_ids: matches.map((m) => m.id),
      confidence: Math.round(confidence * 10_000) / 10_000,
      escalation_offered: false,
    };
    const bestCandidate = candidates[0] ?? null;
    return {
      reply,
      gap: gap
        ? {
            question,
            aiAnswer: content,
            bestMatchId: bestCandidate?.id ?? null,
            similarityScore: bestCandidate ? bestCandidate.similarity : null,
          }
        : null,
    };
  }

  async function runTurn(input: ReturnType<typeof turnInputSchema.parse>): Promise<TurnResult> {
    const workspace = await store.getWorkspace(input.workspaceId);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    const replyId = replyIdFor(input.messageId);
    const userMessage: ChatMessage = {
      message_id: input.messageId,
      role: 'user',
      content: input.message,
      timestamp: now().toISOString(),
    };
    let begun = await store.beginTurn({
      workspaceId: input.workspaceId,
      sessionToken: input.sessionToken,
      userMessage,
      replyId,
      visitor: input.visitor,
      sessionMetadata: input.sessionMetadata,
    });
    while (begun.kind === 'in_flight') {
      // Another instance is answering this message: wait for its reply, or take over once its lease ran out.
      const reply = await store.findReply(input.workspaceId, begun.sessionId, replyId);
      if (reply) return { message: reply, replay: true, mode: 'extractive' };
      if (now().getTime() - begun.startedAt.getTime() > leaseMs) {
        begun = { kind: 'started', sessionId: begun.sessionId, history: [] };
        break;
      }
      await sleep(pollMs);
    }
    if (begun.kind === 'replay') return { message: begun.reply, replay: true, mode: 'extractive' };
    const { reply, gap } = await answer(workspace.settings, input.workspaceId, input.message, replyId);
    const stored = await store.completeTurn({
      workspaceId: input.workspaceId,
      sessionId: begun.sessionId,
      reply,
      gap,
    });
    return { message: stored, replay: stored.timestamp !== reply.timestamp, mode: 'extractive' };
  }

  async function turn(raw: TurnInput): Promise<TurnResult> {
    const parsed = turnInputSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ClaraError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid turn.', {
        details: parsed.error.issues,
      });
    }
    const input = parsed.data;
    const key = `${input.workspaceId}:${input.sessionToken}:${input.messageId}`;
    const existing = inFlight.get(key);
    if (existing) return { ...(await existing), replay: true };
    const promise = runTurn(input).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  async function* stream(raw: TurnInput): AsyncGenerator<TurnEvent> {
    const result = await turn(raw);
    yield {
      type: 'meta',
      message_id: result.message.message_id,
      session_token: raw.sessionToken,
      mode: result.mode,
      replay: result.replay,
    };
    yield { type: 'delta', text: result.message.content };
    yield { type: 'done', message: result.message };
  }

  return { turn, stream };
}
