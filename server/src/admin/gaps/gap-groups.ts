import { groupingKey } from '@clara/core';
import type { InboxGapRow } from '@clara/supabase';

/**
 * Two gap questions belong to one group when the cosine of their local-embedder vectors is at
 * least this (each question is compared with the first question of a group, its leader).
 *
 * Chosen on the local embedder's own scale with BANKING77 (test split, 10 questions for each of
 * 30 intents: 300 short visitor questions, many wordings of each need, like an inbox): pairs of
 * questions at cosine ≥ 0.65 are the same intent 81% of the time (0.55: 48%, 0.60: 67%, 0.70:
 * 93%), and greedy leader grouping at 0.65 puts 165 of the 300 questions into 63 groups of two or
 * more, 53 of them holding one intent only (0.60: 55 of 72 pure; 0.70: 117 questions grouped).
 * A group's action closes every gap in it, so a wrong merge costs more than a missed one; the
 * owner can still untick a question before answering. On the smallbiz-dev query sets (paraphrases
 * that share few words) question-to-question cosine separates intents far less well (precision
 * 0.22 at 0.65), which is why the threshold is not lower.
 * Re-measured on normalised text (`groupingKey`; bench/retrieval/gap-grouping.ts, smallbiz-dev's
 * 140 gap questions with 494 case, punctuation, typo, plural and spelling variants): at 0.65 98.8%
 * of variants reach their question and 1 of 2,380 pairs of different questions merges (0.60:
 * 99.4%, 2; 0.55: 100%, 11; 0.70: 97.0%, 1; 0.75: 93.7%, 0). Not a reason to move it.
 */
export const gapGroupSimilarity = 0.65;

/**
 * A member of a group is pre-ticked (answered by "Answer once" unless the owner unticks it) only
 * when its cosine with the group's title question is at least this, or its grouping key is the
 * same: a near-duplicate wording. 0.75 is where no two different questions of smallbiz-dev's 140
 * met (0 of 2,380 pairs, see `gapGroupSimilarity`). On the local embedder: "Can I buy a gift
 * card?" vs "Are gift cards available?" 0.76, "Do you have gift cards?" 0.82; "can you get a book
 * in for me" vs "what do you do with old books" 0.65 (grouped, a different need: shown unticked,
 * so the one-click default never gives two needs one answer).
 */
export const nearDuplicateSimilarity = 0.75;

/** One group of open gaps about the same thing, as the inbox shows it. */
export interface GapGroup {
  /** The leader gap's id (stable while the leader stays open). */
  id: string;
  /** The wording shown as the group's title: the most asked, then the oldest. */
  question: string;
  /** Visitor messages with any of the group's wordings. */
  asks: number;
  first_asked_at: Date;
  last_asked_at: Date;
  channels: string[];
  /** How many of its gaps were filed by a thumbs-down on an answer. */
  disliked: number;
  /**
   * Its question's nearest active pairs as the engine ranks them now (when read), else the
   * distinct nearest pairs of its gaps when they were filed (the seed's best_match, however
   * unrelated), most frequent first.
   */
  closest_pairs: { id: string; question: string }[];
  /**
   * The pair Clara now answers its question with (the engine's confidence at or above the
   * workspace threshold): the gap can be resolved by linking to it. `gap_ids` are the wordings
   * it answers now, `confidence` the lowest of theirs (`gap-live-groups.ts`). Null when Clara
   * would still not answer, answers with a pair a visitor disliked for the group, or the group
   * was not re-run (`liveGroupLimit`).
   */
  answered_by: { id: string; question: string; confidence: number; gap_ids: string[] } | null;
  /**
   * The pairs the engine would answer with or offer as "Did you mean…?" for its question now,
   * then the distinct pairs its visitors were offered (plausible to the engine when filed), most
   * often offered first, then in the order shown: the only pairs the inbox offers as a one-click
   * "Use the answer of …". Empty when every gap was, and still is, an honest "I don't know".
   */
  offered_pairs: { id: string; question: string }[];
  /** The pairs visitors disliked (thumbs-down) for its gaps: never in `answered_by` or `offered_pairs`. */
  disliked_pairs: { id: string; question: string }[];
  gaps: InboxGapRow[];
  /** The ids of its gaps to pre-tick: the title's and its near-duplicates' (`nearDuplicateSimilarity`). */
  ticked: string[];
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Greedy leader clustering: items in order, each joins the group whose leader it is most similar
 * to when that similarity is ≥ `threshold`, else starts a group. Returns indices per group.
 */
export function clusterByLeader(vectors: readonly Float32Array[], threshold: number): number[][] {
  const groups: number[][] = [];
  vectors.forEach((vector, i) => {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    groups.forEach((members, g) => {
      const leader = vectors[members[0] ?? 0];
      const score = leader ? cosine(vector, leader) : 0;
      if (score > bestScore) {
        bestScore = score;
        best = g;
      }
    });
    const group = groups[best];
    if (group && bestScore >= threshold) group.push(i);
    else groups.push([i]);
  });
  return groups;
}

/**
 * Groups open gaps (any order) by the similarity of their questions' vectors (`vectors[i]` is the
 * embedding of `gaps[i].question`). Oldest gaps lead, so groups stay put as new gaps arrive; the
 * groups come most asked first, then most recently asked.
 */
export function groupGaps(
  gaps: readonly InboxGapRow[],
  vectors: readonly Float32Array[],
  threshold = gapGroupSimilarity,
): GapGroup[] {
  const order = gaps.map((_, i) => i).sort((a, b) => time(gaps[a]?.created_at) - time(gaps[b]?.created_at));
  const clusters = clusterByLeader(
    order.map((i) => vectors[i] ?? new Float32Array()),
    threshold,
  );
  const vectorOf = new Map(gaps.map((g, i) => [g.id, vectors[i] ?? new Float32Array()]));
  const groups = clusters.map((members) => {
    const group = summarise(members.flatMap((k) => gaps[order[k] ?? -1] ?? []));
    const title = group.gaps.find((g) => g.question === group.question) ?? group.gaps[0];
    const key = groupingKey(title?.question ?? '');
    const at = vectorOf.get(title?.id ?? '') ?? new Float32Array();
    group.ticked = group.gaps
      .filter(
        (g) =>
          g.id === title?.id ||
          groupingKey(g.question) === key ||
          cosine(vectorOf.get(g.id) ?? new Float32Array(), at) >= nearDuplicateSimilarity,
      )
      .map((g) => g.id);
    return group;
  });
  return groups.sort(
    (a, b) => b.asks - a.asks || time(b.last_asked_at) - time(a.last_asked_at) || a.id.localeCompare(b.id),
  );
}

const time = (d: Date | string | undefined) => (d ? new Date(d).getTime() : 0);

function summarise(members: InboxGapRow[]): GapGroup {
  const leader = members[0] as InboxGapRow;
  const title =
    [...members].sort((a, b) => b.asks - a.asks || time(a.created_at) - time(b.created_at))[0] ?? leader;
  const pairs = new Map<string, { pair: { id: string; question: string }; n: number }>();
  for (const g of members) {
    if (!g.best_match) continue;
    const seen = pairs.get(g.best_match.id);
    pairs.set(g.best_match.id, { pair: g.best_match, n: (seen?.n ?? 0) + 1 });
  }
  const offered = new Map<string, { pair: { id: string; question: string }; n: number; at: number }>();
  for (const g of members) {
    (g.offered_pairs ?? []).forEach((pair, at) => {
      const seen = offered.get(pair.id);
      offered.set(pair.id, { pair, n: (seen?.n ?? 0) + 1, at: Math.min(seen?.at ?? at, at) });
    });
  }
  return {
    id: leader.id,
    question: title.question,
    asks: members.reduce((n, g) => n + g.asks, 0),
    first_asked_at: new Date(Math.min(...members.map((g) => time(g.created_at)))),
    last_asked_at: new Date(Math.max(...members.map((g) => time(g.last_asked_at)))),
    channels: [...new Set(members.flatMap((g) => g.channel ?? []))].sort(),
    disliked: members.filter((g) => g.disliked).length,
    closest_pairs: [...pairs.values()].sort((a, b) => b.n - a.n).map((p) => p.pair),
    answered_by: null,
    disliked_pairs: [],
    offered_pairs: [...offered.values()].sort((a, b) => b.n - a.n || a.at - b.at).map((p) => p.pair),
    gaps: [...members].sort((a, b) => b.asks - a.asks || time(b.last_asked_at) - time(a.last_asked_at)),
    ticked: members.map((g) => g.id),
  };
}
