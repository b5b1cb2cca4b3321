import { z } from 'zod';

export const defaultPersonalityPrompt = `### Business Context
Describe what your company does, your key services, and your target audience.

### Role
You are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.

### Constraints
1. Only answer from the knowledge base context provided.
2. If you don't have enough information, be honest and suggest booking a call.
3. Never make up information or speculate beyond what the knowledge base contains.
4. Keep responses concise — 2-4 sentences for simple questions.`;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #6366f1');
const url = z.url({ protocol: /^https?$/ });
/** A web origin as browsers send it in `Origin`: scheme, host and optional port, nothing else. */
const origin = z
  .string()
  .max(200)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, 'an origin like https://shop.example (scheme and host, lower case, no path or trailing slash)');

/**
 * The workspace `settings` JSONB (seed: Settings JSONB Structure). Every field has the
 * seed's default, and a field holding a bad value falls back to its default on read, so a
 * hand-edited row never breaks the chat.
 */
export const workspaceSettingsSchema = z.object({
  display_name: z.string().min(1).max(60).catch('Clara').default('Clara'),
  welcome_message: z
    .string()
    .max(500)
    .catch('Hi! How can I help you today?')
    .default('Hi! How can I help you today?'),
  placeholder_text: z.string().max(120).catch('Type your message...').default('Type your message...'),
  suggested_messages: z.array(z.string().min(1).max(200)).max(5).catch([]).default([]),
  booking_url: url.nullable().catch(null).default(null),
  primary_color: hexColor.catch('#6366f1').default('#6366f1'),
  bubble_color: hexColor.catch('#000000').default('#000000'),
  bubble_position: z.enum(['left', 'right']).catch('right').default('right'),
  avatar_url: url.nullable().catch(null).default(null),
  chat_icon_url: url.nullable().catch(null).default(null),
  personality_prompt: z
    .string()
    .max(10_000)
    .catch(defaultPersonalityPrompt)
    .default(defaultPersonalityPrompt),
  confidence_threshold: z.number().min(0.5).max(0.95).catch(0.78).default(0.78),
  max_suggestion_chips: z.number().int().min(1).max(5).catch(3).default(3),
  escalation_enabled: z.boolean().catch(true).default(true),
  /** LLM-answered messages per UTC day; over it Clara answers extractively (protects the owner's key). */
  llm_daily_cap: z.number().int().min(0).max(1_000_000).catch(1000).default(1000),
  powered_by_clara: z.boolean().catch(true).default(true),
  /** Sites allowed to embed the widget (the public chat API checks `Origin`); empty = any. */
  allowed_origins: z.array(origin).max(50).catch([]).default([]),
  /**
   * Delete conversations (and the gaps filed from them) this many days after their last
   * message, in the daily retention sweep; null = keep them (the default).
   */
  retention_days: z.number().int().min(1).max(3650).nullable().catch(null).default(null),
  /**
   * With a key, new pairs get up to five alternative phrasings written by the model (each call
   * counted against `llm_daily_cap`); off by default (`clara augment` shows the cost first).
   */
  augment_questions: z.boolean().catch(false).default(false),
  /**
   * When the owner answers a gap asked in Slack or Teams, Clara tells the asker in the same
   * thread or chat (the question, the answer, thumbs). On by default.
   */
  followups_enabled: z.boolean().catch(true).default(true),
});

export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** Reads a stored settings object, filling defaults and repairing bad fields. */
export function parseSettings(raw: unknown): WorkspaceSettings {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  return workspaceSettingsSchema.parse(input);
}

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
] as const satisfies readonly (keyof WorkspaceSettings)[];

export type VisitorSettings = Pick<WorkspaceSettings, (typeof visitorSettingsKeys)[number]>;

export function toVisitorSettings(settings: WorkspaceSettings): VisitorSettings {
  const out: Record<string, unknown> = {};
  for (const key of visitorSettingsKeys) out[key] = settings[key];
  return out as VisitorSettings;
}
