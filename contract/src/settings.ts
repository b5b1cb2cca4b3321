import { z } from 'zod/mini';
import { type OriginPatternKind, originPatternKind, originPatternMessages } from './origin-pattern';
import { hasVisibleText, isStorableText, unstorableTextMessage } from './storable-text';

/**
 * Clara's reply when the knowledge base has no answer and the owner wrote none (`gap_reply`):
 * it promises no follow-up (the widget asks visitors for no way to reach them).
 */
export const defaultGapReply =
  "I don't have that information yet. I've noted your question so the team can add the answer.";

/** The bounds of the numeric and length-limited settings, for forms and schemas alike. */
export const settingsLimits = {
  display_name: 60,
  welcome_message: 500,
  placeholder_text: 120,
  suggested_message: 200,
  suggested_messages: 5,
  personality_prompt: 10_000,
  confidence_threshold: { min: 0.5, max: 0.95 },
  max_suggestion_chips: { min: 1, max: 5 },
  llm_daily_cap: { min: 0, max: 1_000_000 },
  allowed_origins: 50,
  retention_days: { min: 1, max: 3650 },
  gap_reply: 500,
} as const;

const L = settingsLimits;
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #6366f1.'));
const httpUrl = z.nullable(z.url({ protocol: /^https?$/, error: 'Use a full http(s) URL.' }));
/**
 * An allowed site: a web origin as browsers send it in `Origin` (scheme, host and optional port,
 * nothing else), or `scheme://*.domain[:port]` for the domain's subdomains (`origin-pattern.ts`).
 */
const notKind = (kind: Exclude<OriginPatternKind, 'origin' | 'wildcard'>) =>
  z.refine<string>((v) => originPatternKind(v) !== kind, originPatternMessages[kind]);
const origin = z
  .string()
  .check(
    z.maxLength(200, 'An origin is at most 200 characters.'),
    notKind('bad_origin'),
    notKind('any'),
    notKind('bad_wildcard'),
    notKind('too_wide'),
  );
const max = (n: number, what: string) => z.maxLength(n, `${what} is over ${n} characters.`);
/** Text Postgres can store (no NUL, no lone surrogate): a 400, never a failed write. */
const storable = (what: string) =>
  z.refine<string>((v) => isStorableText(v), `${unstorableTextMessage(what)}.`);

/**
 * Each workspace setting's rule (seed: Settings JSONB Structure), as a write must satisfy it:
 * the admin's form, `PATCH /api/admin/settings` and the stored schema in `@clara/core` (which
 * adds the defaults and repairs bad stored values) are all built from these.
 */
export const settingsFields = {
  display_name: z.string().check(
    z.trim(),
    z.minLength(1, 'Give Clara a name.'),
    // Only invisible characters (zero-width, bidi marks): no name a visitor could read.
    z.refine((v) => v.length === 0 || hasVisibleText(v), 'Give Clara a name.'),
    max(L.display_name, 'The name'),
    storable('The name'),
  ),
  welcome_message: z
    .string()
    .check(max(L.welcome_message, 'The welcome message'), storable('The welcome message')),
  placeholder_text: z.string().check(max(L.placeholder_text, 'The placeholder'), storable('The placeholder')),
  suggested_messages: z
    .array(
      z
        .string()
        .check(
          z.minLength(1, 'A suggested message is empty.'),
          max(L.suggested_message, 'A suggested message'),
          storable('A suggested message'),
        ),
    )
    .check(z.maxLength(L.suggested_messages, `At most ${L.suggested_messages} suggested messages.`)),
  booking_url: httpUrl,
  primary_color: hexColor,
  bubble_color: hexColor,
  bubble_position: z.enum(['left', 'right'], { error: 'Choose left or right.' }),
  avatar_url: httpUrl,
  chat_icon_url: httpUrl,
  personality_prompt: z
    .string()
    .check(max(L.personality_prompt, 'The personality prompt'), storable('The personality prompt')),
  confidence_threshold: z
    .number()
    .check(
      z.gte(L.confidence_threshold.min, `The threshold is at least ${L.confidence_threshold.min}.`),
      z.lte(L.confidence_threshold.max, `The threshold is at most ${L.confidence_threshold.max}.`),
    ),
  max_suggestion_chips: z
    .int('Chips are a whole number.')
    .check(
      z.gte(L.max_suggestion_chips.min, `At least ${L.max_suggestion_chips.min} chip.`),
      z.lte(L.max_suggestion_chips.max, `At most ${L.max_suggestion_chips.max} chips.`),
    ),
  escalation_enabled: z.boolean(),
  /** LLM-answered messages per UTC day; over it Clara answers extractively (protects the owner's key). */
  llm_daily_cap: z
    .int('The daily cap is a whole number.')
    .check(
      z.gte(L.llm_daily_cap.min, 'The daily cap cannot be negative.'),
      z.lte(L.llm_daily_cap.max, `The daily cap is at most ${L.llm_daily_cap.max}.`),
    ),
  powered_by_clara: z.boolean(),
  /** Sites allowed to embed the widget (the public chat API checks `Origin`); empty = any. */
  allowed_origins: z
    .array(origin)
    .check(z.maxLength(L.allowed_origins, `At most ${L.allowed_origins} sites.`)),
  /** Delete conversations this many days after their last message; null = keep them. */
  retention_days: z.nullable(
    z
      .int('Keep conversations for a whole number of days.')
      .check(
        z.gte(L.retention_days.min, `Keep conversations for at least ${L.retention_days.min} day.`),
        z.lte(L.retention_days.max, `Keep conversations for at most ${L.retention_days.max} days.`),
      ),
  ),
  /** With a key, new pairs get up to five alternative phrasings written by the model. */
  augment_questions: z.boolean(),
  /** When the owner answers a gap asked in Slack or Teams, Clara tells the asker there. */
  followups_enabled: z.boolean(),
  /**
   * The owner's own reply when Clara has no answer (e.g. "…call us on 01234 567890"), used in
   * the widget, Slack and Teams; empty = Clara's honest default.
   */
  gap_reply: z
    .string()
    .check(
      z.trim(),
      max(L.gap_reply, 'The reply when Clara has no answer'),
      storable('The reply when Clara has no answer'),
    ),
};

/** Every setting, as `GET /api/admin/settings` returns them in `settings`. */
export const settingsSchema = z.object(settingsFields);

export type Settings = z.infer<typeof settingsSchema>;

/** The admin's Settings form: what the owner edits there. */
export const settingsFormSchema = z.pick(settingsSchema, {
  display_name: true,
  welcome_message: true,
  placeholder_text: true,
  suggested_messages: true,
  booking_url: true,
  primary_color: true,
  bubble_color: true,
  bubble_position: true,
  personality_prompt: true,
  confidence_threshold: true,
  max_suggestion_chips: true,
  escalation_enabled: true,
  followups_enabled: true,
  allowed_origins: true,
  retention_days: true,
  gap_reply: true,
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** The settings a visitor's browser may see: nothing about the prompt or the engine. */
export const visitorSettingsKeys = [
  'display_name',
  'welcome_message',
  'placeholder_text',
  'suggested_messages',
  'booking_url',
  'primary_color',
  'bubble_color',
  'bubble_position',
  'avatar_url',
  'chat_icon_url',
  'escalation_enabled',
  'powered_by_clara',
] as const satisfies readonly (keyof Settings)[];

/** `GET /api/widget/:workspace_id/config` → `{ workspace_id, settings }`: what the widget styles itself with. */
export type VisitorSettings = Pick<Settings, (typeof visitorSettingsKeys)[number]>;

/** `GET /api/widget/:workspace_id/config`. */
export interface WidgetConfigResponse {
  workspace_id: string;
  settings: VisitorSettings;
}

/** `GET` and `PATCH /api/admin/settings` answer with the workspace and every setting. */
export interface SettingsResponse {
  workspace: { id: string; name: string };
  settings: Settings;
}

/** `PATCH /api/admin/settings`: any subset of the editable settings, and the workspace name. */
export interface SettingsPatch {
  name?: string;
  settings?: Partial<Omit<Settings, 'powered_by_clara'>>;
}
