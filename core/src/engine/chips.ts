import type { QaMatch } from '../schemas/qa-pair';

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Suggestion chips: other knowledge-base questions near this turn, so a clicked chip is
 * always answerable. Skips the pair that answered, pairs with the same answer and the
 * visitor's own wording.
 */
export function pickChips(
  candidates: readonly QaMatch[],
  options: { max: number; answered: QaMatch | null; asked: string },
): string[] {
  const seenQuestions = new Set([normalise(options.asked)]);
  const seenAnswers = new Set<string>();
  if (options.answered) {
    seenQuestions.add(normalise(options.answered.question));
    seenAnswers.add(normalise(options.answered.answer));
  }
  const chips: string[] = [];
  for (const match of candidates) {
    if (chips.length >= options.max) break;
    const q = normalise(match.question);
    const a = normalise(match.answer);
    if (seenQuestions.has(q) || seenAnswers.has(a)) continue;
    seenQuestions.add(q);
    seenAnswers.add(a);
    chips.push(match.question.trim());
  }
  return chips;
}

/**
 * The candidates as chips may show them: a phrasing (a visitor's wording kept from the gap inbox)
 * stands for the pair it phrases, at the phrasing's rank, and a phrasing whose pair is archived is
 * left out. Each pair appears once.
 */
export function ownersQuestions<M extends QaMatch>(
  ranked: readonly M[],
  phrasings: ReadonlyMap<string, { id: string; question: string } | null>,
): M[] {
  const seen = new Set<string>();
  const pool: M[] = [];
  for (const match of ranked) {
    const target = phrasings.get(match.id);
    if (target === null) continue;
    const owned = target ? { ...match, id: target.id, question: target.question } : match;
    if (seen.has(owned.id)) continue;
    seen.add(owned.id);
    pool.push(owned);
  }
  return pool;
}

/** The pairs behind a "Did you mean…?" reply's chips, in the order shown. */
export function offeredIds(
  chips: readonly string[],
  ranked: readonly { id: string; question: string }[],
): string[] {
  return chips.flatMap((chip) => ranked.find((m) => m.question.trim() === chip)?.id ?? []);
}
