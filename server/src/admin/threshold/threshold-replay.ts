import { randomUUID } from 'node:crypto';
import {
  type ChatStore,
  createChatEngine,
  type Embedder,
  type ReplyKind,
  type WorkspaceRecord,
} from '@clara/core';

/** One question as it would be replied to at the candidate threshold. */
export interface ReplayedQuestion {
  question: string;
  /** How many of the replayed stored messages had this wording (case-insensitive). */
  asks: number;
  confidence: number;
  kind: ReplyKind;
  /** The reply kind at the workspace's current threshold. */
  current: ReplyKind;
  /** The question of the pair it would be answered with at `threshold` (a phrasing names its pair), else null. */
  answered_with: string | null;
  /** The question of the pair it is answered with at the current threshold, else null. */
  current_answered_with: string | null;
}

/** What the workspace's recent questions would get at `threshold`, nothing stored. */
export interface ThresholdReplay {
  threshold: number;
  current_threshold: number;
  /** Stored questions replayed (each message counts, repeats included). */
  considered: number;
  /** Distinct wordings among them (each run through the engine once per threshold). */
  distinct: number;
  answered: number;
  clarified: number;
  gaps: number;
  /** The same counts at the current threshold. */
  current: { answered: number; clarified: number; gaps: number };
  /** Up to 3 wordings of each kind, most asked first. */
  examples: Record<ReplyKind, ReplayedQuestion[]>;
  /** Wordings whose reply kind differs from today's, most asked first (at most 50). */
  changed: ReplayedQuestion[];
}

/**
 * A store for the real chat engine that reads the workspace (its settings with `threshold`) and
 * searches the knowledge base through `store`, but keeps nothing: every turn starts a fresh,
 * empty session (as `clara eval` asks each question), and its reply and gap are dropped.
 */
export function dryRunStore(store: ChatStore, workspace: WorkspaceRecord, threshold: number): ChatStore {
  const settings = { ...workspace.settings, confidence_threshold: threshold };
  return {
    getWorkspace: async (id) => (id === workspace.id ? { ...workspace, settings } : null),
    search: (id, embedding, options) => store.search(id, embedding, options),
    ...(store.phrasingTargets ? { phrasingTargets: store.phrasingTargets } : {}),
    beginTurn: async () => ({ kind: 'started', sessionId: randomUUID(), history: [] }),
    completeTurn: async (input) => input.reply,
    findReply: async () => null,
    history: async () => [],
  };
}

type Run = Map<string, { kind: ReplyKind; confidence: number; pairId: string | null }>;

/** Names pair ids by their question (a phrasing by its pair's); an id it cannot name is left out. */
export type NamePairs = (ids: string[]) => Promise<Map<string, string>>;

async function runAll(
  store: ChatStore,
  embedder: Embedder,
  workspace: WorkspaceRecord,
  threshold: number,
  wordings: readonly string[],
): Promise<Run> {
  // Extractive, like `clara eval`: no language model, so nothing is spent and the kind is the engine's.
  const engine = createChatEngine({ store: dryRunStore(store, workspace, threshold), embedder });
  const run: Run = new Map();
  for (const message of wordings) {
    const { message: reply } = await engine.turn({
      workspaceId: workspace.id,
      sessionToken: randomUUID(),
      messageId: randomUUID(),
      message,
    });
    const kind =
      reply.role === 'assistant' ? (reply.reply_kind ?? (reply.gap_detected ? 'gap' : 'answer')) : 'gap';
    const pairId = reply.role === 'assistant' && kind === 'answer' ? (reply.matched_qa_ids[0] ?? null) : null;
    run.set(message, { kind, confidence: reply.role === 'assistant' ? reply.confidence : 0, pairId });
  }
  return run;
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Replays stored visitor questions through the real engine (embedding, search, re-ranking,
 * confidence, reply policy) at a candidate threshold and at the current one, storing nothing.
 */
export async function replayThreshold(
  deps: { store: ChatStore; embedder: Embedder; namePairs?: NamePairs },
  input: { workspace: WorkspaceRecord; threshold: number; questions: readonly string[] },
): Promise<ThresholdReplay> {
  const byWording = new Map<string, { question: string; asks: number }>();
  for (const q of input.questions) {
    const key = normalise(q);
    const seen = byWording.get(key);
    if (seen) seen.asks += 1;
    else byWording.set(key, { question: q.trim(), asks: 1 });
  }
  const wordings = [...byWording.values()];
  const currentThreshold = input.workspace.settings.confidence_threshold;
  const texts = wordings.map((w) => w.question);
  const candidate = await runAll(deps.store, deps.embedder, input.workspace, input.threshold, texts);
  const current =
    input.threshold === currentThreshold
      ? candidate
      : await runAll(deps.store, deps.embedder, input.workspace, currentThreshold, texts);

  const pairIds = [...candidate.values(), ...current.values()].flatMap((r) => r.pairId ?? []);
  const names =
    deps.namePairs && pairIds.length > 0 ? await deps.namePairs(pairIds) : new Map<string, string>();
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const replayed: ReplayedQuestion[] = wordings
    .map((w) => {
      const at = candidate.get(w.question) ?? { kind: 'gap' as const, confidence: 0, pairId: null };
      const now = current.get(w.question);
      return {
        question: w.question,
        asks: w.asks,
        confidence: at.confidence,
        kind: at.kind,
        current: now?.kind ?? at.kind,
        answered_with: nameOf(at.pairId),
        current_answered_with: nameOf(now?.pairId),
      };
    })
    .sort((a, b) => b.asks - a.asks);
  const count = (kind: ReplyKind, key: 'kind' | 'current') =>
    replayed.filter((r) => r[key] === kind).reduce((n, r) => n + r.asks, 0);
  const examples = (kind: ReplyKind) => replayed.filter((r) => r.kind === kind).slice(0, 3);
  return {
    threshold: input.threshold,
    current_threshold: currentThreshold,
    considered: input.questions.length,
    distinct: wordings.length,
    answered: count('answer', 'kind'),
    clarified: count('clarify', 'kind'),
    gaps: count('gap', 'kind'),
    current: {
      answered: count('answer', 'current'),
      clarified: count('clarify', 'current'),
      gaps: count('gap', 'current'),
    },
    examples: { answer: examples('answer'), clarify: examples('clarify'), gap: examples('gap') },
    changed: replayed.filter((r) => r.kind !== r.current).slice(0, 50),
  };
}
