/**
 * Closed classes of general English whose members exclude each other: a weekday, a month, a
 * season, a part of the day, a way to pay. A visitor who names one ("do you deliver on sundays?")
 * is not answered by a pair that names only others of the same class ("We deliver on Fridays and
 * Saturdays"): the pair speaks of the same thing and says nothing about the value asked for.
 * Word lists only (no knowledge base's words); ambiguous words ("may", "march", "fall", "check",
 * "visa", "sun") are left out.
 */
export type ClosedClass = 'weekday' | 'month' | 'season' | 'daypart' | 'payment';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Month names that are also common words: counted only inside a range ("march to may"). */
const ambiguousMonths = new Set(['march', 'may']);

const weekdayWord = `(${weekdays.map((d) => d.slice(0, -3)).join('|')})days?`;
// "Mon–Fri", "Sat 10am–2pm": abbreviations count only in a range or before a time ("sat", "sun"
// and "wed" are words too).
const abbreviation = '(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\\.?';
const dayToken = `(?:${weekdayWord}|${abbreviation})`;
const monthWord = `(${months.join('|')})`;
const rangeJoin = String.raw`\s*(?:-|–|—|to|through|thru|until|till)\s*`;

// Words naming a value of a class, as the value's name. Order matters only for readability.
const words: Record<Exclude<ClosedClass, 'weekday' | 'month'>, [RegExp, string][]> = {
  season: [
    [/\bspring\b/g, 'spring'],
    [/\bsummers?\b/g, 'summer'],
    [/\bautumns?\b/g, 'autumn'],
    [/\bwinters?\b/g, 'winter'],
  ],
  daypart: [
    [/\bmornings?\b/g, 'morning'],
    [/\bafternoons?\b/g, 'afternoon'],
    [/\b(evenings?|nights?|tonight|overnight)\b/g, 'evening'],
  ],
  payment: [
    [/\bcash\b/g, 'cash'],
    [
      /\b((credit|debit|bank|payment) cards?|(by|with|take|takes|accept|accepts) cards?|card payments?|mastercard|amex|american express|contactless)\b/g,
      'card',
    ],
    [/\bcheques?\b/g, 'cheque'],
    [/\bpay ?pal\b/g, 'paypal'],
    [/\b(bank transfers?|wire transfers?|bank wire)\b/g, 'transfer'],
    [/\bapple ?pay\b/g, 'apple pay'],
    [/\b(google ?pay|gpay)\b/g, 'google pay'],
    [/\b(bitcoin|crypto(currency|currencies)?)\b/g, 'crypto'],
    [/\bklarna\b/g, 'klarna'],
    [/\bvenmo\b/g, 'venmo'],
    [/\bzelle\b/g, 'zelle'],
  ],
};

const everyDay = /\b(every ?day|daily|7 days|seven days|all week|each day)\b/;

function dayIndex(word: string): number {
  return weekdays.findIndex((d) => word.startsWith(d.slice(0, 2)) && d.startsWith(word.slice(0, 3)));
}

/** The weekdays a text names, ranges ("Monday to Friday") and "weekdays"/"weekends" expanded. */
function weekdaysOf(text: string): Set<string> {
  const out = new Set<string>();
  if (everyDay.test(text)) for (const d of weekdays) out.add(d);
  const range = new RegExp(`\\b(${dayToken})${rangeJoin}(${dayToken})(?![a-z])`, 'g');
  for (const m of text.matchAll(range)) {
    const from = dayIndex(m[1] ?? '');
    const to = dayIndex(m[4] ?? '');
    if (from < 0 || to < 0) continue;
    for (let i = from; ; i = (i + 1) % 7) {
      out.add(weekdays[i] as string);
      if (i === to) break;
    }
  }
  for (const m of text.matchAll(new RegExp(`\\b${weekdayWord}\\b|\\b${abbreviation}(?=:?\\s*\\d)`, 'g'))) {
    const i = dayIndex(m[1] ?? m[2] ?? '');
    if (i >= 0) out.add(weekdays[i] as string);
  }
  if (/\bweek ?days?\b/.test(text)) for (const d of weekdays.slice(0, 5)) out.add(d);
  if (/\bweek ?ends?\b/.test(text)) for (const d of weekdays.slice(5)) out.add(d);
  return out;
}

/** The months a text names, ranges ("January to March") expanded. */
function monthsOf(text: string): Set<string> {
  const out = new Set<string>();
  const range = new RegExp(`\\b${monthWord}${rangeJoin}${monthWord}\\b`, 'g');
  for (const m of text.matchAll(range)) {
    const from = months.indexOf(m[1] ?? '');
    const to = months.indexOf(m[2] ?? '');
    for (let i = from; ; i = (i + 1) % 12) {
      out.add(months[i] as string);
      if (i === to) break;
    }
  }
  for (const m of text.matchAll(new RegExp(`\\b${monthWord}\\b`, 'g')))
    if (!ambiguousMonths.has(m[1] ?? '')) out.add(m[1] as string);
  if (/\b(all year|year[- ]round|every month)\b/.test(text)) for (const m of months) out.add(m);
  return out;
}

/** The values of each closed class a text names (classes it does not touch are absent). */
export function closedValues(text: string): Map<ClosedClass, Set<string>> {
  const t = text.toLowerCase();
  const out = new Map<ClosedClass, Set<string>>();
  const days = weekdaysOf(t);
  if (days.size > 0) out.set('weekday', days);
  const ms = monthsOf(t);
  if (ms.size > 0) out.set('month', ms);
  for (const [cls, list] of Object.entries(words) as [ClosedClass, [RegExp, string][]][]) {
    const found = new Set<string>();
    for (const [re, value] of list) if (t.search(re) >= 0) found.add(value);
    if (found.size > 0) out.set(cls, found);
  }
  return out;
}

/**
 * 1 when the query names a value of a closed class and the pair (its question and answer) names
 * values of that class but not the query's, else 0. "do you deliver on sundays" against "We
 * deliver on Fridays and Saturdays" clashes; against "Monday to Saturday; closed on Sundays" or a
 * pair naming no weekday it does not.
 */
export function closedClassClash(query: string, pairText: string): number {
  return valuesClash(closedValues(query), pairText);
}

/** `closedClassClash` with the query's values already read (`closedValues`), for many pairs. */
export function valuesClash(asked: ReadonlyMap<ClosedClass, ReadonlySet<string>>, pairText: string): number {
  if (asked.size === 0) return 0;
  const stated = closedValues(pairText);
  for (const [cls, values] of asked) {
    const named = stated.get(cls);
    if (!named) continue;
    let shared = false;
    for (const v of values) if (named.has(v)) shared = true;
    if (!shared) return 1;
  }
  return 0;
}
