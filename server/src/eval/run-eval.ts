import { randomUUID } from 'node:crypto';
import {
  type ChatStore,
  createChatEngine,
  createOpenAiModel,
  type Embedder,
  type KnowledgeIndexResolver,
  type QaMatch,
} from '@clara/core';
import {
  createPostgresChatStore,
  createUser,
  createWorkspace,
  type Database,
  updateSettings,
} from '@clara/supabase';
import { importQaPairs } from '../knowledge/import-qa-pairs';
import { createOpenAiVectors } from '../knowledge/openai-vectors';
import type { ParsedQaCsv } from '../knowledge/parse-qa-csv';
import type { EvalQuery } from './read-queries-csv';
import { type QueryOutcome, type RetrievalSummary, summarise } from './retrieval-metrics';
import { unmatchedExpected } from './unmatched-expected';
import { type VisitorOutcome, type VisitorSummary, visitorSummary } from './visitor-metrics';

/** One line of RESULTS.jsonl. */
export interface EvalResultLine {
  query: string;
  expected_answer: string | null;
  matches: { question: string; answer: string; similarity: number }[];
  confidence: number;
  gap_detected: boolean;
  /** `answer`, `clarify` ("Did you mean…?") or `gap`. */
  reply_kind: 'answer' | 'clarify' | 'gap';
  /** The questions offered as suggestion chips, in order. */
  chips: string[];
  /** With a key: the reply's text (the model's, or the extractive one after a fallback). */
  content?: string;
}

/** The printed summary (`RetrievalSummary` without the bench-only answered rates, plus import counts). */
export type EvalSummary = Omit<RetrievalSummary, 'answered_rate' | 'answered_accuracy' | 'gap_recall'> &
  VisitorSummary & {
    threshold: number;
    kb_pairs: number;
    kb_skipped: number;
    /** Queries whose expected answer is no answer of the KB: scored as answerable but never right. */
    unmatched_expected: number;
    embedder: string;
    /** With a key: the chat model the turns were answered with. */
    llm?: string;
  };

/** An OpenAI-compatible endpoint to evaluate with (`clara eval --with-key`). */
export interface EvalKey {
  apiKey: string;
  /** `OPENAI_BASE_URL`; OpenAI's API when unset. */
  baseURL?: string | undefined;
  /** The chat model, e.g. gpt-4o-mini. */
  model: string;
}

export interface RunEvalInput {
  /** A fresh, migrated database (nothing else is in it). */
  db: Database;
  embedder: Embedder;
  kb: ParsedQaCsv;
  queries: readonly EvalQuery[];
  threshold?: number | undefined;
  /** Answer with the model (and search with its embeddings) as a workspace with this key would. */
  withKey?: EvalKey | undefined;
  onResult?: (line: EvalResultLine) => void;
  /** Runs after the import, before the queries are asked (the benchmarks' simulated traffic). */
  beforeAsking?: ((ctx: { workspaceId: string }) => Promise<void>) | undefined;
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Imports the KB into a new workspace through the real import path and asks every query as a chat
 * turn of the real engine (extractive: no language model), each in its own session. The store is
 * wrapped only to read the ranked pairs of each turn's search.
 */
export async function runEval(input: RunEvalInput): Promise<EvalSummary> {
  const { db, embedder } = input;
  const user = await createUser(db, `eval-${randomUUID()}@example.com`, 'eval: no sign-in');
  let workspace = await createWorkspace(db, user.id, { name: 'clara eval' });
  if (input.threshold !== undefined)
    workspace = await updateSettings(db, workspace.id, { confidence_threshold: input.threshold });
  const imported = await importQaPairs(db, embedder, workspace.id, input.kb.rows);
  await input.beforeAsking?.({ workspaceId: workspace.id });
  const store = createPostgresChatStore(db);
  let lastSearch: QaMatch[] = [];
  const recording: ChatStore = {
    ...store,
    search: async (...args) => {
      lastSearch = await store.search(...args);
      return lastSearch;
    },
  };
  let indexes: KnowledgeIndexResolver | undefined;
  let searchedWith = embedder.id;
  const key = input.withKey;
  if (key) {
    // The pairs embedded by the endpoint first, as the server's background sweep does.
    const vectors = createOpenAiVectors({
      db,
      masterKey: Buffer.alloc(32),
      baseURL: key.baseURL,
      serverKey: key.apiKey,
      timeoutMs: 60_000,
    });
    const progress = await vectors.sync(workspace.id);
    if (progress.embedder) searchedWith = progress.embedder;
    indexes = {
      indexFor: async (workspaceId) => {
        const index = await vectors.indexFor(workspaceId);
        if (!index) return null;
        return {
          embedder: index.embedder,
          search: async (...args) => {
            const found = await index.search(...args);
            if (found) lastSearch = found;
            return found;
          },
        };
      },
    };
  }
  const model = key
    ? createOpenAiModel({
        apiKey: key.apiKey,
        baseURL: key.baseURL,
        model: key.model,
        totalTimeoutMs: 60_000,
        firstTokenTimeoutMs: 30_000,
      })
    : null;
  const engine = createChatEngine({
    store: recording,
    embedder,
    ...(model ? { models: { resolveModel: async () => model } } : {}),
    ...(indexes ? { indexes } : {}),
  });
  const outcomes: QueryOutcome[] = [];
  const visitors: VisitorOutcome[] = [];
  const answerOfQuestion = new Map(input.kb.rows.map((r) => [normalise(r.pair.question), r.pair.answer]));
  for (const q of input.queries) {
    lastSearch = [];
    const t0 = performance.now();
    const { message } = await engine.turn({
      workspaceId: workspace.id,
      sessionToken: randomUUID(),
      messageId: randomUUID(),
      message: q.query,
    });
    const latencyMs = performance.now() - t0;
    // The engine's order (its matches, re-ranked), then the rest of the search by similarity.
    const engineIds = message.role === 'assistant' ? (message.matched_qa_ids ?? []) : [];
    const byId = new Map(lastSearch.map((m) => [m.id, m]));
    const top5 = [
      ...engineIds.flatMap((id) => byId.get(id) ?? []),
      ...lastSearch.filter((m) => !engineIds.includes(m.id)),
    ].slice(0, 5);
    const expected = q.expected_answer === null ? null : normalise(q.expected_answer);
    outcomes.push({
      ranked: top5.map((m) => normalise(m.answer)),
      expected,
      confidence: message.confidence,
      gap: message.gap_detected,
      latencyMs,
    });
    const chips = message.suggestion_chips ?? [];
    const replyKind = message.reply_kind ?? (message.gap_detected ? 'gap' : 'answer');
    visitors.push({
      expected: q.expected_answer,
      answers: [...new Set(top5.map((m) => m.answer.trim()))],
      chipAnswers: chips.flatMap((c) => answerOfQuestion.get(normalise(c)) ?? []),
      gap: message.gap_detected ?? false,
      kind: replyKind,
    });
    input.onResult?.({
      query: q.query,
      expected_answer: q.expected_answer,
      matches: top5.map((m) => ({
        question: m.question,
        answer: m.answer,
        similarity: Number(m.similarity.toFixed(6)),
      })),
      confidence: Number(message.confidence.toFixed(6)),
      gap_detected: message.gap_detected ?? false,
      reply_kind: replyKind,
      chips,
      ...(key ? { content: message.content } : {}),
    });
  }
  const threshold = workspace.settings.confidence_threshold;
  const {
    answered_rate: _a,
    answered_accuracy: _b,
    gap_recall: _c,
    ...summary
  } = summarise(outcomes, threshold);
  const round = (v: number) => Number(v.toFixed(4));
  return {
    ...summary,
    top1_accuracy: round(summary.top1_accuracy),
    recall_at_5: round(summary.recall_at_5),
    mrr: round(summary.mrr),
    gap_precision: round(summary.gap_precision),
    ...visitorSummary(visitors),
    gap_f1: round(summary.gap_f1),
    latency_ms: { p50: round(summary.latency_ms.p50), p95: round(summary.latency_ms.p95) },
    threshold,
    kb_pairs: imported.imported,
    kb_skipped: input.kb.errors.length + imported.errors.length,
    unmatched_expected: unmatchedExpected(
      input.kb.rows.map((r) => r.pair.answer),
      input.queries,
    ).length,
    embedder: searchedWith,
    ...(key ? { llm: `openai/${key.model}` } : {}),
  };
}
