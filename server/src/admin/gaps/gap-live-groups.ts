import type { ChatStore, Embedder, WorkspaceRecord } from '@clara/core';
import type { LivePairs } from '@clara/supabase';
import type { GapGroup } from './gap-groups';
import { type EngineRun, liveGroupLimit, runEngine, suggestionsOf } from './gap-live-match';

/**
 * How many of a group's other wordings are re-run when its title question is answered now: the
 * card claims "Clara answers this now" only for the wordings that were (a group's first ones,
 * most asked); a wording beyond them counts as not answered.
 */
export const liveWordingLimit = 8;

type Named = { id: string; question: string };

/**
 * Gives the first groups (`liveGroupLimit`) their suggestions as the engine sees them now, and
 * keeps every group's one-click answers honest:
 * - a pair a visitor disliked (thumbs-down) for one of a group's gaps is never its `answered_by`
 *   nor in its `offered_pairs` (it is listed in `disliked_pairs`);
 * - `answered_by` names the wordings it answers now (`gap_ids`: the title's, and each other
 *   wording re-run that the engine answers with the same pair) with the lowest of their
 *   confidences, so a group is never said to be answered for a wording that still gets
 *   "Did you mean…?".
 * `namePairs` names the pair ids (a phrasing stands for its pair) and the offered questions.
 */
export async function applyLiveSuggestions(
  deps: { store: ChatStore; embedder: Embedder },
  workspace: WorkspaceRecord | null,
  groups: GapGroup[],
  namePairs: (ids: string[], questions: string[]) => Promise<LivePairs>,
): Promise<void> {
  const live = workspace ? groups.slice(0, liveGroupLimit) : [];
  const runs = workspace
    ? await runEngine(
        deps,
        workspace,
        live.map((g) => g.question),
      )
    : [];
  // The other wordings of the groups whose title is answered now.
  const others = live.flatMap((group, i) =>
    runs[i]?.answers
      ? group.gaps
          .filter((g) => g.question !== group.question)
          .slice(0, liveWordingLimit - 1)
          .map((gap) => ({ group: i, gap }))
      : [],
  );
  const otherRuns =
    workspace && others.length > 0
      ? await runEngine(
          deps,
          workspace,
          others.map((o) => o.gap.question),
        )
      : [];
  const dislikedMatches = groups.flatMap((g) =>
    g.gaps.flatMap((x) => (x.disliked && x.best_match ? x.best_match.id : [])),
  );
  const named = await namePairs(
    [...runs, ...otherRuns].flatMap((r) => r?.matchedIds ?? []).concat(dislikedMatches),
    runs.flatMap((r) => r?.offered ?? []),
  );

  groups.forEach((group, i) => {
    const disliked = distinct(
      group.gaps.flatMap((g) =>
        g.disliked && g.best_match ? [named.byId.get(g.best_match.id) ?? g.best_match] : [],
      ),
    );
    // A phrasing's id and its pair's both stand for the disliked pair.
    const dislikedIds = new Set([
      ...disliked.map((p) => p.id),
      ...group.gaps.flatMap((g) => (g.disliked && g.best_match ? g.best_match.id : [])),
    ]);
    group.disliked_pairs = disliked;
    const run = runs[i];
    // Not re-run (beyond the limit, or a question the chat would refuse now): the stored suggestions stay.
    if (run) {
      const now = suggestionsOf(run, named);
      group.closest_pairs = now.closest_pairs;
      group.offered_pairs = distinct([...now.offered_pairs, ...group.offered_pairs]);
      const top = now.answered_by;
      if (top && !dislikedIds.has(top.id)) {
        const title = group.gaps.find((g) => g.question === group.question);
        const same = others.flatMap((o, k) => {
          const r = otherRuns[k];
          return o.group === i && r && answersWith(r, named, top.id)
            ? [{ id: o.gap.id, confidence: r.confidence }]
            : [];
        });
        group.answered_by = {
          ...top,
          confidence: Math.min(top.confidence, ...same.map((s) => s.confidence)),
          gap_ids: [...(title ? [title.id] : []), ...same.map((s) => s.id)],
        };
      }
    }
    group.offered_pairs = group.offered_pairs.filter((p) => !dislikedIds.has(p.id));
  });
}

/** The run answers (at or above the threshold) with `pairId` (or one of its phrasings). */
const answersWith = (run: EngineRun, named: LivePairs, pairId: string) =>
  run.answers && named.byId.get(run.matchedIds[0] ?? '')?.id === pairId;

const distinct = (pairs: readonly Named[]): Named[] =>
  pairs.filter((p, k) => pairs.findIndex((o) => o.id === p.id) === k);
