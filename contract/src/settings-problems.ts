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
};

/** A zod issue, as both zod and zod/mini report it. */
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
}

const lineOf: Partial<Record<string, string>> = { allowed_origins: 'Line', suggested_messages: 'Suggestion' };

/**
 * The issues of a Settings form or of a `PATCH /api/admin/settings` body (paths under `settings.`),
 * one problem per field: the first issue of each, an array item's with its line ("Line 2: …").
 */
export function settingsProblems(issues: readonly Issue[]): FieldProblem[] {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path[0] === 'settings' ? issue.path.slice(1) : issue.path;
    const [key, index] = path;
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const k of issue.keys) if (!problems.has(k)) problems.set(k, `“${k}” is not a setting.`);
      continue;
    }
    const field = typeof key === 'string' ? key : 'settings';
    if (problems.has(field)) continue;
    const line = lineOf[field];
    problems.set(
      field,
      line && typeof index === 'number' ? `${line} ${index + 1}: ${issue.message}` : issue.message,
    );
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

/** One line naming each field as the owner knows it: "Bot name: Give Clara a name." */
export function problemsMessage(problems: readonly FieldProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => {
      const label = (settingsLabels as Record<string, string>)[p.field];
      return label ? `${label}: ${p.message}` : p.message;
    })
    .join(' ');
}
