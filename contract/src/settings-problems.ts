import type { Settings } from './settings';

/**
 * One problem with one field: a per-field refusal (`PATCH /api/admin/settings`) lists them in
 * `error.details`, beside `code` and `message`.
 */
export interface FieldProblem {
  /** The field's key: a setting (`display_name`, `allowed_origins`, …) or `name` (the workspace name). */
  field: string;
  /** What is wrong, in the owner's words, without the field's name (shown next to the field). */
  message: string;
}

/** What the Settings page calls each field, for messages that name one. */
export const settingsLabels: Record<keyof Settings | 'name', string> = {
  name: 'Workspace name',
  display_name: 'Bot name',
  welcome_message: 'Welcome message',
  placeholder_text: 'Input placeholder',
  suggested_messages: 'Suggested messages',
  booking_url: 'Booking URL',
  primary_color: 'Primary colour',
  bubble_color: 'Bubble colour',
  bubble_position: 'Bubble position',
  avatar_url: 'Avatar',
  chat_icon_url: 'Chat icon',
  personality_prompt: 'Personality prompt',
  confidence_threshold: 'Confidence threshold',
  max_suggestion_chips: 'Suggestion chips per answer',
  escalation_enabled: 'Booking link',
  llm_daily_cap: 'Daily LLM cap',
  powered_by_clara: 'Powered by Clara',
  allowed_origins: 'Allowed sites',
  retention_days: 'Keep conversations for (days)',
  augment_questions: 'Alternative phrasings',
  followups_enabled: 'Slack and Teams follow-ups',
  gap_reply: 'Reply when Clara has no answer',
};

/** A zod issue, as both zod and zod/mini report it. */
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  /** For `invalid_type`: the type the field takes. */
  readonly expected?: unknown;
}

/** What a field of the wrong type takes, in words (zod's own text is "Invalid input: expected …"). */
const typeWords: Record<string, string> = {
  string: 'Use text here.',
  number: 'Use a number here.',
  int: 'Use a whole number here.',
  boolean: 'Use true or false here.',
  array: 'Use a list here.',
  object: 'Use an object here.',
};

/** The issue's message in the owner's words: a rule's own message stays, zod's default is replaced. */
function messageOf(issue: Issue): string {
  const words = typeof issue.expected === 'string' ? typeWords[issue.expected] : undefined;
  if (issue.code === 'invalid_type' && words && /^Invalid input\b/.test(issue.message)) return words;
  return issue.message;
}

/** A sentence ends with its own stop, so that several read apart in one line. */
const sentence = (text: string) => (/[.!?…)]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** What one item of a list setting is called, and several of them. */
const lineOf: Partial<Record<string, readonly [string, string]>> = {
  allowed_origins: ['Line', 'Lines'],
  suggested_messages: ['Suggestion', 'Suggestions'],
};

/** The value at an issue's path in what was checked, if it is text (quoted in the message). */
function textAt(input: unknown, path: readonly PropertyKey[]): string | null {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (typeof value !== 'string') return null;
  const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `“${shown}”`;
}

/** "Line 2", "Lines 2 and 4", "Lines 2, 4 and 5", each with its text when known: 'Line 2 (“shop.example/”)'. */
function itemsText(
  names: readonly [string, string],
  items: readonly { index: number; text: string | null }[],
) {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const each = sorted.map((i) => (i.text ? `${i.index + 1} (${i.text})` : `${i.index + 1}`));
  const last = each.pop() ?? '';
  return each.length === 0 ? `${names[0]} ${last}` : `${names[1]} ${each.join(', ')} and ${last}`;
}

/**
 * The issues of a Settings form or of a `PATCH /api/admin/settings` body (paths under `settings.`),
 * one problem per field: the first issue of each, except that a list's every bad item is named
 * with its line ("Lines 2 (“shop.example/path”) and 4 (…): Use an origin like …"), the items with
 * the same problem together. `input` (what was checked) lets the message quote each bad line.
 */
export function settingsProblems(issues: readonly Issue[], input?: unknown): FieldProblem[] {
  const problems = new Map<string, string>();
  const items = new Map<string, Map<string, { index: number; text: string | null }[]>>();
  for (const issue of issues) {
    const path = issue.path[0] === 'settings' ? issue.path.slice(1) : issue.path;
    const [key, index] = path;
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      // A setting sent beside `settings` instead of inside it would otherwise be dropped unsaid.
      const topLevel = issue.path.length === 0 && input !== undefined && typeof input === 'object';
      for (const k of issue.keys) {
        if (problems.has(k)) continue;
        problems.set(
          k,
          topLevel && Object.hasOwn(settingsLabels, k) && k !== 'name'
            ? `“${k}” goes inside "settings": send { "settings": { "${k}": … } }.`
            : `“${k}” is not a setting.`,
        );
      }
      continue;
    }
    const field = typeof key === 'string' ? key : 'settings';
    const byMessage = items.get(field);
    if (Object.hasOwn(lineOf, field) && typeof index === 'number' && (byMessage || !problems.has(field))) {
      const map = byMessage ?? new Map<string, { index: number; text: string | null }[]>();
      items.set(field, map);
      const list = map.get(messageOf(issue)) ?? [];
      // The item itself (`settings.allowed_origins.1`), not a deeper path.
      const itemPath = issue.path.slice(0, issue.path.length - path.length + 2);
      if (!list.some((i) => i.index === index)) list.push({ index, text: textAt(input, itemPath) });
      map.set(messageOf(issue), list);
      problems.set(field, '');
      continue;
    }
    if (problems.has(field)) continue;
    problems.set(field, messageOf(issue));
  }
  for (const [field, map] of items) {
    const names = Object.hasOwn(lineOf, field) ? lineOf[field] : undefined;
    if (!names) continue;
    problems.set(field, [...map].map(([message, list]) => `${itemsText(names, list)}: ${message}`).join(' '));
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

/** One line naming each field as the owner knows it: "Bot name: Give Clara a name." */
export function problemsMessage(problems: readonly FieldProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => {
      // Own keys only: "constructor" or "__proto__" sent as a setting are not labels.
      const label = Object.hasOwn(settingsLabels, p.field)
        ? (settingsLabels as Record<string, string>)[p.field]
        : undefined;
      return sentence(label ? `${label}: ${p.message}` : p.message);
    })
    .join(' ');
}
