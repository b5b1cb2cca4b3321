import { randomUUID } from 'node:crypto';
import { messageTextSchema } from '@clara/contract';
import {
  type ChatStore,
  ClaraError,
  createChatEngine,
  type Embedder,
  type WorkspaceRecord,
} from '@clara/core';
import type { LivePairs } from '@clara/supabase';
import { dryRunStore } from '../threshold/threshold-replay';

/**
 * How many groups (the first ones the inbox lists: most asked) are re-run through the engine on
 * each read; the others keep what was stored when their gaps were filed. Bounds the page's cost:
 * each run is one engine turn (~5-8 ms on PGlite). With 200 groups and 1,000 pairs (2 shared cores,
 * load 5-8, warm) the page takes 150-200 ms without re-runs, 320-570 ms with 25, 670-990 ms with
 * 100 (load ~14: 450-600 ms without, 800-1,500 ms with 30).
 */
export const liveGroupLimit = 25;

/** What the engine does with a question now, before the pairs are named. */
export interface EngineRun {
  /** The engine's confidence for its top pair. */
  confidence: number;
  /** It would answer (confidence at or above the workspace threshold) with its top pair. */
  answers: boolean;
  /** The ranked pair ids (phrasings included), best first. */
  matchedIds: string[];
  /** The questions a "Did you mean…?" reply would offer (empty unless it would clarify). */
  offered: string[];
}

/**
 * Runs each question through the real engine (retrieval, re-ranking, confidence, reply policy) at
 * the workspace's current threshold, with no language model and nothing stored. A question the
 * chat would refuse today (filed under older rules, e.g. only zero-width spaces) is not re-run:
 * its entry is null and the group keeps its stored suggestions, so one old gap never fails the
 * whole inbox.
 */
export async function runEngine(
  deps: { store: ChatStore; embedder: Embedder },
  workspace: WorkspaceRecord,
  questions: readonly string[],
): Promise<(EngineRun | null)[]> {
  const threshold = workspace.settings.confidence_threshold;
  const engine = createChatEngine({
    store: dryRunStore(deps.store, workspace, threshold),
    embedder: deps.embedder,
  });
  const runs: (EngineRun | null)[] = [];
  for (const message of questions) {
    if (!messageTextSchema.safeParse(message).success) {
      runs.push(null);
      continue;
    }
    const reply = await engine
      .turn({ workspaceId: workspace.id, sessionToken: randomUUID(), messageId: randomUUID(), message })
      .then(
        (turn) => turn.message,
        (error: unknown) => {
          // The engine's own input rules (stricter than the schema above) refuse it: not re-run.
          if (error instanceof ClaraError && error.code === 'validation_failed') return null;
          throw error;
        },
      );
    if (reply === null) {
      runs.push(null);
      continue;
    }
    if (reply.role !== 'assistant') {
      runs.push({ confidence: 0, answers: false, matchedIds: [], offered: [] });
      continue;
    }
    const kind = reply.reply_kind ?? (reply.gap_detected ? 'gap' : 'answer');
    runs.push({
      confidence: reply.confidence,
      answers: kind === 'answer' && reply.confidence >= threshold && reply.matched_qa_ids.length > 0,
      matchedIds: reply.matched_qa_ids,
      offered: kind === 'clarify' ? reply.suggestion_chips : [],
    });
  }
  return runs;
}

type Named = { id: string; question: string };

/** A group's suggestions from a live run, its pairs named (`livePairs`). */
export interface LiveSuggestions {
  /** The pair Clara answers the question with now, with the engine's confidence. */
  answered_by: (Named & { confidence: number }) | null;
  /** The engine's nearest active pairs now, best first (at most 3). */
  closest_pairs: Named[];
  /** The pairs the engine would answer with or offer as "Did you mean…?" now. */
  offered_pairs: Named[];
}

const distinct = (pairs: (Named | undefined)[]): Named[] => {
  const seen = new Set<string>();
  return pairs.filter((p): p is Named => p !== undefined && !seen.has(p.id) && Boolean(seen.add(p.id)));
};

/** Names a run's pairs: a phrasing stands for the pair it phrases; pairs archived since drop out. */
export function suggestionsOf(run: EngineRun, pairs: LivePairs): LiveSuggestions {
  const ranked = distinct(run.matchedIds.map((id) => pairs.byId.get(id)));
  const top = run.answers ? pairs.byId.get(run.matchedIds[0] ?? '') : undefined;
  return {
    answered_by: top ? { ...top, confidence: run.confidence } : null,
    closest_pairs: ranked.slice(0, 3),
    offered_pairs: top ? [top] : distinct(run.offered.map((q) => pairs.byQuestion.get(q))),
  };
}
