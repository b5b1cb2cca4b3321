import type { z } from 'zod';

/** What a field of a type takes, in words ("page must be a number."). */
const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

/** What a string format is called ("id must be a valid UUID."). */
const formatWords: Record<string, string> = {
  email: 'email address',
  url: 'URL',
  uuid: 'UUID',
  guid: 'UUID',
  datetime: 'date and time (ISO 8601)',
  date: 'date (YYYY-MM-DD)',
  regex: 'value',
};

/** zod's own English wording ("Invalid input: expected …", "Too big: …"); a schema's own message reads otherwise. */
const zodWording = /^(Invalid|Too big|Too small|Unrecognized)\b/;

/** The bounds `.int()` adds by itself: never worth showing (nobody types 9007199254740991). */
const safeBound = (n: unknown) => n === Number.MAX_SAFE_INTEGER || n === Number.MIN_SAFE_INTEGER;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, words: 'most' | 'least'): string {
  const limit = 'maximum' in issue ? issue.maximum : issue.minimum;
  const n = Number(limit);
  const strict = issue.inclusive === false;
  const comparison =
    words === 'most' ? (strict ? 'less than' : 'at most') : strict ? 'more than' : 'at least';
  if (issue.origin === 'string')
    return words === 'least' && n === 1 && !strict
      ? 'must not be empty'
      : `must be ${comparison} ${n} character${n === 1 ? '' : 's'} long`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `must have ${comparison} ${n} item${n === 1 ? '' : 's'}`;
  return `must be ${comparison} ${String(limit)}`;
}

/** One issue in an owner's words, after the field's name ("must be at most 100000"); a schema's own message as it is. */
function problem(issue: z.core.$ZodIssue, input: unknown): string {
  if (!zodWording.test(issue.message)) return issue.message.replace(/\.$/, '');
  const absent = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  if (absent && issue.code !== 'unrecognized_keys') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return safeBound(issue.maximum) ? 'is too large' : bound(issue, 'most');
    case 'too_small':
      return safeBound(issue.minimum) ? 'is too small' : bound(issue, 'least');
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${formatWords[issue.format] ?? issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}

/**
 * zod issues as one readable message, one sentence per field ("page must be at most 100000.
 * transcript is required."): zod's default wording (received NaN, received undefined, the
 * safe-integer bound of `.int()`) becomes words; a schema's own message is kept after the field.
 * Of several problems with one field, the first that is worth showing is told.
 */
export function issuesMessage(error: z.ZodError, input?: unknown): string {
  const byField = new Map<string, z.core.$ZodIssue>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    const seen = byField.get(field);
    // `.int()`'s own bound comes before the schema's: the schema's tells the owner more.
    const hidden = (i: z.core.$ZodIssue) =>
      (i.code === 'too_big' && safeBound(i.maximum)) || (i.code === 'too_small' && safeBound(i.minimum));
    if (!seen || (hidden(seen) && !hidden(issue))) byField.set(field, issue);
  }
  return [...byField]
    .slice(0, 5)
    .map(([field, issue]) => {
      const text = problem(issue, input);
      const custom = !zodWording.test(issue.message);
      const sentence = !field ? capitalise(text) : custom ? `${field}: ${text}` : `${field} ${text}`;
      return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
    })
    .join(' ');
}

function capitalise(text: string): string {
  return /^(is|has|must)\b/.test(text) ? `The request ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}
