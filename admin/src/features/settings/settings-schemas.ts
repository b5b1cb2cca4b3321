import { z } from 'zod/mini';

const hex = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #6366f1.'));
const url = z.nullable(z.url({ protocol: /^https?$/, error: 'Use a full http(s) URL.' }));
const origin = z.string().check(
  z.refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, 'Use an origin like https://shop.example (no path, no trailing slash).'),
);

/** The settings form (the server validates the same rules again). */
export const settingsFormSchema = z.object({
  display_name: z.string().check(z.trim(), z.minLength(1, 'Give Clara a name.'), z.maxLength(60)),
  welcome_message: z.string().check(z.maxLength(500)),
  placeholder_text: z.string().check(z.maxLength(120)),
  suggested_messages: z
    .array(z.string().check(z.minLength(1), z.maxLength(200)))
    .check(z.maxLength(5, 'At most 5 suggested messages.')),
  booking_url: url,
  primary_color: hex,
  bubble_color: hex,
  bubble_position: z.enum(['left', 'right']),
  personality_prompt: z.string().check(z.maxLength(10_000)),
  confidence_threshold: z.number().check(z.gte(0.5), z.lte(0.95)),
  max_suggestion_chips: z.int().check(z.gte(1), z.lte(5)),
  escalation_enabled: z.boolean(),
  followups_enabled: z.boolean(),
  allowed_origins: z.array(origin).check(z.maxLength(50, 'At most 50 sites.')),
  retention_days: z.nullable(
    z
      .int('Keep conversations for a whole number of days.')
      .check(
        z.gte(1, 'Keep conversations for at least 1 day.'),
        z.lte(3650, 'Keep conversations for at most 3650 days.'),
      ),
  ),
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** Everything GET /admin/settings returns in `settings`. */
export type Settings = SettingsForm & {
  avatar_url: string | null;
  chat_icon_url: string | null;
  powered_by_clara: boolean;
};
