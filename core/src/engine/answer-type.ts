/**
 * What kind of fact a question asks for, and which kinds an answer states: the classic
 * answer-type match of question answering. An owner's answers state concrete facts (prices,
 * times, durations, places, contacts); a visitor's "how much is a house call" asks for a price,
 * so among near candidates the one whose answer states a price is more likely the one.
 */
export type FactKind = 'price' | 'time' | 'duration' | 'place' | 'contact';

const asks: Record<FactKind, RegExp> = {
  price:
    /\b(how much|prices?|pricing|costs?|costing|charges?|fees?|expensive|cheap(er|est)?|pay|rates?|money|quote|afford)\b|[£$€¥]/,
  time: /\b(when|what time|hours|open(ing)?|clos(e|es|ed|ing)|days?|weekends?|mornings?|evenings?|tonight|today|tomorrow|(mon|tues|wednes|thurs|fri|satur|sun)days?)\b/,
  duration:
    /\b(how long|how soon|how quickly|how many (minutes|hours|days|weeks|months|years)|takes?|last)\b/,
  place: /\b(where|located|location|address|directions|find you|parking|nearest|area|areas)\b/,
  contact: /\b(phone|call|ring|email|e-mail|contact|reach|speak|talk to|number)\b/,
};

const states: Record<FactKind, RegExp> = {
  price: /[£$€¥]\s?\d|\b\d+(\.\d+)?\s?(dollars|pounds|euros|usd|gbp|eur)\b|\bfree\b|\b\d+\s?%/,
  time: /\b\d{1,2}(:\d{2})?\s?(am|pm)\b|\b\d{1,2}:\d{2}\b|\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bnoon\b|\bmidnight\b/,
  duration:
    /\b\d+(\.\d+)?\s?(-|to|–)?\s?\d*\s?(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b|\b\d+-(minute|hour|day|week|month|year)\b|\b(same|next) day\b/,
  place:
    /\b(street|st|road|rd|avenue|ave|lane|ln|floor|square|building|suite|opposite|next to|corner of|miles?|km)\b/,
  contact: /\b\d{3,5}[\s-]\d{3}[\s-]?\d{3,4}\b|\b[\w.+-]+@[\w-]+\.[\w.]+\b|\bphone\b|\bemail\b/,
};

const kinds = Object.keys(asks) as FactKind[];

/** The kinds of fact the question asks for (often none). */
export function askedKinds(question: string): FactKind[] {
  const text = question.toLowerCase();
  return kinds.filter((k) => asks[k].test(text));
}

/** The kinds of fact the answer states. */
export function statedKinds(answer: string): Set<FactKind> {
  const text = answer.toLowerCase();
  return new Set(kinds.filter((k) => states[k].test(text)));
}

/** Share of the asked kinds the answer states (0 when nothing specific is asked). */
export function kindMatch(asked: readonly FactKind[], answer: string): number {
  if (asked.length === 0) return 0;
  const stated = statedKinds(answer);
  return asked.filter((k) => stated.has(k)).length / asked.length;
}
