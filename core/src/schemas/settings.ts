import {
  settingsFields as rules,
  storedAllowedOriginsRule,
  type VisitorSettings,
  visitorSettingsKeys,
} from '@clara/contract';
import { z } from 'zod';

export { type VisitorSettings, visitorSettingsKeys };

export const defaultPersonalityPrompt = `### Business Context
Describe what your company does, your key services, and your target audience.

### Role
You are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.

### Constraints
1. Only answer from the knowledge base context provided.
2. If you don't have enough information, be honest and suggest booking a call.
3. Never make up information or speculate beyond what the knowledge base contains.
4. Keep responses concise — 2-4 sentences for simple questions.`;

/** A stored setting: the contract's rule, its default when missing, and the default for a bad stored value. */
function stored<T extends z.core.SomeType>(rule: T, fallback: z.core.util.NoUndefined<z.output<T>>) {
  return z._default(z.catch(rule, fallback), fallback);
}

/**
 * The workspace `settings` JSONB (seed: Settings JSONB Structure). Each field's rule and limits
 * are the HTTP contract's (`settingsFields` in `@clara/contract`, which the admin's form and
 * `PATCH /api/admin/settings` use too); here every field gets the seed's default, and a field
 * holding a bad value falls back to its default on read, so a hand-edited row never breaks the chat.
 */
export const workspaceSettingsSchema = z.object({
  display_name: stored(rules.display_name, 'Clara'),
  welcome_message: stored(rules.welcome_message, 'Hi! How can I help you today?'),
  placeholder_text: stored(rules.placeholder_text, 'Type your message...'),
  suggested_messages: stored(rules.suggested_messages, []),
  booking_url: stored(rules.booking_url, null),
  primary_color: stored(rules.primary_color, '#6366f1'),
  bubble_color: stored(rules.bubble_color, '#000000'),
  bubble_position: stored(rules.bubble_position, 'right'),
  avatar_url: stored(rules.avatar_url, null),
  chat_icon_url: stored(rules.chat_icon_url, null),
  personality_prompt: stored(rules.personality_prompt, defaultPersonalityPrompt),
  confidence_threshold: stored(rules.confidence_threshold, 0.78),
  max_suggestion_chips: stored(rules.max_suggestion_chips, 3),
  escalation_enabled: stored(rules.escalation_enabled, true),
  /** LLM-answered messages per UTC day; over it Clara answers extractively (protects the owner's key). */
  llm_daily_cap: stored(rules.llm_daily_cap, 1000),
  powered_by_clara: stored(rules.powered_by_clara, true),
  /** Sites allowed to embed the widget (the public chat API checks `Origin`); empty = any. */
  // Kept as stored, even an entry today's write rule refuses: a reset to [] would allow every site.
  allowed_origins: stored(storedAllowedOriginsRule, []),
  /**
   * Delete conversations (and the gaps filed from them) this many days after their last
   * message, in the daily retention sweep; null = keep them (the default).
   */
  retention_days: stored(rules.retention_days, null),
  /**
   * With a key, new pairs get up to five alternative phrasings written by the model (each call
   * counted against `llm_daily_cap`); off by default (`clara augment` shows the cost first).
   */
  augment_questions: stored(rules.augment_questions, false),
  /**
   * When the owner answers a gap asked in Slack or Teams, Clara tells the asker in the same
   * thread or chat (the question, the answer, thumbs). On by default.
   */
  followups_enabled: stored(rules.followups_enabled, true),
  /** The owner's reply when Clara has no answer (widget, Slack, Teams); empty = the honest default. */
  gap_reply: stored(rules.gap_reply, ''),
});

export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** Reads a stored settings object, filling defaults and repairing bad fields. */
export function parseSettings(raw: unknown): WorkspaceSettings {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  return workspaceSettingsSchema.parse(input);
}

/** The visitor-facing settings (`GET /api/widget/:workspace_id/config`). */
export function toVisitorSettings(settings: WorkspaceSettings): VisitorSettings {
  const out: Record<string, unknown> = {};
  for (const key of visitorSettingsKeys) out[key] = settings[key];
  return out as VisitorSettings;
}
