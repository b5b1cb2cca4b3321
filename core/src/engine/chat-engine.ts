import { ClaraError } from '../errors';
import type { ChatStore, Embedder } from '../ports';
import type { ChatMessage } from '../schemas/chat-message';
import { type ComposeInput, composeReply, type ReplyEvent } from './compose-reply';
import { createEventQueue } from './event-queue';
import { followUpSearch } from './follow-up-search';
import type { EngineLogger, LanguageModelResolver, LlmUsageMeter } from './llm-ports';
import { mentionsKnowledge } from './mentions-knowledge';
import { canonicalMessageId, replyIdFor } from './reply-id';
import { resolveModel } from './resolve-model';
import type { KnowledgeIndexResolver } from './retrieve';
import { smallTalkTurn } from './small-talk-turn';
import {
  type AnswerMode,
  type TurnEvent,
  type TurnInput,
  type TurnOptions,
  type TurnResult,
  turnInputSchema,
  type ValidatedTurnInput,
  validatedTurn,
} from './turn-types';

export type { EngineLogger, LanguageModelResolver, LlmUsageMeter } from './llm-ports';

export interface ChatEngineOptions {
  store: ChatStore;
  embedder: Embedder;
  /** The workspace's language model (its default API key); without it every answer is extractive. */
  models?: LanguageModelResolver;
  /** The per-workspace daily cap on LLM-answered messages (`settings.llm_daily_cap`). */
  usage?: LlmUsageMeter;
  logger?: EngineLogger;
  /** Workspaces searched with another embedder's vectors when all their pairs have them. */
  indexes?: KnowledgeIndexResolver;
  now?: () => Date;
  /** How long another caller's unanswered turn is waited for before this one takes over. */
  inFlightLeaseMs?: number;
  pollIntervalMs?: number;
}

export interface ChatEngine {
  /** Runs one turn to completion. Idempotent by `messageId`. */
  turn(input: TurnInput | ValidatedTurnInput, options?: TurnOptions): Promise<TurnResult>;
  /**
   * The same turn as events, deltas emitted as the language model writes them. A repeat of
   * a message already being answered waits for the stored reply and replays it.
   */
  stream(input: TurnInput | ValidatedTurnInput, options?: TurnOptions): AsyncGenerator<TurnEvent>;
}

type ParsedTurn = ReturnType<typeof turnInputSchema.parse>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Validates a turn, unless its channel already did against the same rules (`validatedTurn`). */
function parseTurn(raw: TurnInput | ValidatedTurnInput): ParsedTurn {
  if (validatedTurn in raw) return raw;
  const parsed = turnInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ClaraError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid turn.', {
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** Creates the channel-agnostic chat engine: embed → search → confidence → answer → chips → gap → persist. */
export function createChatEngine(options: ChatEngineOptions): ChatEngine {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.inFlightLeaseMs ?? 30_000;
  const pollMs = options.pollIntervalMs ?? 50;
  const deps = { ...options, now };
  // Concurrent repeats inside this process share one promise; across processes the store decides.
  const inFlight = new Map<string, Promise<TurnResult>>();

  async function runTurn(
    input: ParsedTurn,
    emit: (event: ReplyEvent) => void,
    signal?: AbortSignal,
  ): Promise<TurnResult> {
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
      if (reply) return { message: reply, replay: true, mode: null };
      if (now().getTime() - begun.startedAt.getTime() > leaseMs) {
        begun = { kind: 'started', sessionId: begun.sessionId, history: [] };
        break;
      }
      await sleep(pollMs);
    }
    if (begun.kind === 'replay') return { message: begun.reply, replay: true, mode: null };
    const history = begun.history;
    const compose = (
      over: { question?: string; followUp?: ComposeInput['followUp']; search?: string | undefined } = {},
    ) =>
      composeReply(deps, {
        workspaceId: input.workspaceId,
        settings: workspace.settings,
        question: over.question ?? input.message,
        replyId,
        history,
        contact: { email: begun.visitorEmail ?? input.visitor?.email ?? null },
        signal,
        emit,
        followUp: over.followUp,
        search: over.search,
      });
    const hasModel = async () => (await resolveModel(deps, input.workspaceId)) !== null;
    // Without a model to read the history, a short follow-up ("how much is it?") is searched with
    // the words of the question it leans on; a model reads the conversation itself.
    const searchFor = async () => {
      const contextual = followUpSearch(input.message, history, now());
      return contextual !== null && !(await hasModel()) ? contextual : undefined;
    };
    const { reply, gap, choice, mode } =
      (await smallTalkTurn({
        question: input.message,
        settings: workspace.settings,
        history,
        replyId,
        now,
        emit,
        hasModel,
        mentionsKnowledge: (text) => mentionsKnowledge(deps, input.workspaceId, text),
        compose,
      })) ?? (await compose({ search: await searchFor() }));
    // Stored even when the visitor has gone: a retry of this message then gets this reply.
    const stored = await store.completeTurn({
      workspaceId: input.workspaceId,
      sessionId: begun.sessionId,
      reply,
      gap,
      choice,
    });
    const replay = stored.timestamp !== reply.timestamp;
    return { message: stored, replay, mode: replay ? null : mode };
  }

  /** Starts the turn, or joins the one in flight for this message (null: joined). */
  function start(input: ParsedTurn, emit: (event: ReplyEvent) => void, signal?: AbortSignal) {
    const key = `${input.workspaceId.toLowerCase()}:${input.sessionToken}:${canonicalMessageId(input.messageId)}`;
    const existing = inFlight.get(key);
    if (existing) return { promise: existing.then((r) => ({ ...r, replay: true })), joined: true };
    const promise = runTurn(input, emit, signal).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return { promise, joined: false };
  }

  async function turn(
    raw: TurnInput | ValidatedTurnInput,
    turnOptions: TurnOptions = {},
  ): Promise<TurnResult> {
    return start(parseTurn(raw), () => {}, turnOptions.signal).promise;
  }

  async function* stream(
    raw: TurnInput | ValidatedTurnInput,
    turnOptions: TurnOptions = {},
  ): AsyncGenerator<TurnEvent> {
    const input = parseTurn(raw);
    const queue = createEventQueue<ReplyEvent>();
    const { promise } = start(input, (event) => queue.push(event), turnOptions.signal);
    promise.then(
      () => queue.end(),
      (error: unknown) => queue.fail(error),
    );
    const meta = (mode: AnswerMode | null, replay: boolean): TurnEvent => ({
      type: 'meta',
      message_id: replyIdFor(input.messageId),
      session_token: input.sessionToken,
      mode,
      replay,
    });
    let started = false;
    let text = '';
    for await (const event of queue) {
      if (event.type === 'start') {
        started = true;
        yield meta(event.mode, false);
      } else if (event.type === 'delta') {
        text += event.text;
        yield event;
      } else {
        text = '';
        yield event;
      }
    }
    const result = await promise;
    if (!started) {
      // A replay (stored reply, or a repeat that joined a turn in flight): the whole text at once.
      yield meta(result.mode, result.replay);
      yield { type: 'delta', text: result.message.content };
    } else if (text !== result.message.content) {
      // Another instance stored its reply first (lease take-over): show the stored one.
      yield { type: 'reset', mode: result.mode ?? 'extractive' };
      yield { type: 'delta', text: result.message.content };
    }
    yield { type: 'done', message: result.message };
  }

  return { turn, stream };
}
