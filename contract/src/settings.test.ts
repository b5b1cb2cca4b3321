import { describe, expect, it } from 'vitest';
import { settingsFields, settingsFormSchema, settingsLimits } from './settings';

const form = {
  display_name: ' Clara ',
  welcome_message: 'Hi!',
  placeholder_text: 'Ask',
  suggested_messages: [],
  booking_url: null,
  primary_color: '#6366f1',
  bubble_color: '#000000',
  bubble_position: 'right',
  personality_prompt: '',
  confidence_threshold: 0.78,
  max_suggestion_chips: 3,
  escalation_enabled: true,
  followups_enabled: true,
  allowed_origins: ['https://shop.example'],
  retention_days: null,
  gap_reply: '',
};

describe('settings rules', () => {
  it('accepts the form and trims the name', () => {
    expect(settingsFormSchema.parse(form).display_name).toBe('Clara');
  });

  it('holds the limits: threshold 0.5–0.95, chips 1–5, retention 1–3650 days', () => {
    const { confidence_threshold, max_suggestion_chips, retention_days } = settingsFields;
    expect(settingsLimits.confidence_threshold).toEqual({ min: 0.5, max: 0.95 });
    expect(confidence_threshold.safeParse(0.5).success).toBe(true);
    expect(confidence_threshold.safeParse(0.96).error?.issues[0]?.message).toBe(
      'The threshold is at most 0.95.',
    );
    expect(max_suggestion_chips.safeParse(0).success).toBe(false);
    expect(max_suggestion_chips.safeParse(2.5).success).toBe(false);
    expect(retention_days.safeParse(null).success).toBe(true);
    expect(retention_days.safeParse(3651).success).toBe(false);
  });

  it('takes origins only: no path, no trailing slash', () => {
    expect(settingsFields.allowed_origins.safeParse(['https://shop.example/']).success).toBe(false);
    expect(settingsFields.allowed_origins.safeParse(['http://localhost:8080']).success).toBe(true);
  });

  it('takes http(s) URLs only', () => {
    expect(settingsFields.booking_url.safeParse('javascript:alert(1)').success).toBe(false);
    expect(settingsFields.booking_url.safeParse('https://cal.example/book').success).toBe(true);
  });
});
