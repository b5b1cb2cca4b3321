/** What visitors and owners meet, from `clara eval` result lines (the same rules as shared/tools/score-eval.mjs). */

/** The fields of one result line these figures read. */
export interface VisitorOutcome {
  /** The expected answer; null or empty when the knowledge base does not answer the query. */
  expected: string | null;
  /** Distinct answers in the engine's order (the top one is the answer shown when answered). */
  answers: readonly string[];
  /** The answers of the questions offered as chips, in order. */
  chipAnswers: readonly string[];
  gap: boolean;
  kind: 'answer' | 'clarify' | 'gap' | undefined;
}

export interface VisitorSummary {
  answerable: number;
  /** Answerable queries answered (not a gap) with the expected answer, over answerable queries. */
  answered_right: number;
  /** Answers shown that are wrong or that answer an unanswerable query, over all queries. */
  wrong_shown: number;
  /** Answerable queries answered right, or not answered with the expected pair among the first 3 chips. */
  one_click: number;
  /** Of the gaps still open after visitors pick the expected chip, the share the knowledge base really does not answer. */
  inbox_precision: number;
  /** Unanswerable queries filed as gaps, over unanswerable queries. */
  gap_recall: number;
}

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Counts the visitor-facing outcomes of an evaluation run. */
export function visitorSummary(outcomes: readonly VisitorOutcome[]): VisitorSummary {
  let answerable = 0;
  let right = 0;
  let wrong = 0;
  let oneClick = 0;
  let unanswerable = 0;
  let caught = 0;
  let flagged = 0;
  let pickedAway = 0;
  for (const o of outcomes) {
    const expected = norm(o.expected ?? '');
    const answered = !o.gap && o.kind !== 'clarify' && o.kind !== 'gap';
    if (o.gap) flagged++;
    if (expected === '') {
      unanswerable++;
      if (o.gap) caught++;
      if (answered) wrong++;
      continue;
    }
    answerable++;
    const top = o.answers[0];
    if (answered && top !== undefined && norm(top) === expected) {
      right++;
      oneClick++;
    } else if (answered) {
      wrong++;
    } else if (o.chipAnswers.slice(0, 3).some((a) => norm(a) === expected)) {
      oneClick++;
      if (o.gap) pickedAway++;
    }
  }
  const open = flagged - pickedAway;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    answerable,
    answered_right: r3(answerable ? right / answerable : 0),
    wrong_shown: r3(outcomes.length ? wrong / outcomes.length : 0),
    one_click: r3(answerable ? oneClick / answerable : 0),
    inbox_precision: r3(open > 0 ? caught / open : 0),
    gap_recall: r3(unanswerable ? caught / unanswerable : 0),
  };
}
