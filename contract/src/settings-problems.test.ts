import { describe, expect, it } from 'vitest';
import { settingsFormSchema } from './settings';
import { problemsMessage, settingsLabels, settingsProblems } from './settings-problems';

describe('settingsProblems', () => {
  it('gives one problem per field, in the owner’s words, from the form’s own rules', () => {
    const parsed = settingsFormSchema.safeParse({
      display_name: ' ',
      welcome_message: '',
      placeholder_text: '',
      suggested_messages: [],
      booking_url: 'javascript:alert(1)',
      primary_color: 'blue',
      bubble_color: '#000000',
      bubble_position: 'right',
      personality_prompt: '',
      confidence_threshold: 0.78,
      max_suggestion_chips: 3,
      escalation_enabled: true,
      followups_enabled: true,
      allowed_origins: ['https://ok.example', 'nope', 'also nope'],
      retention_days: null,
    });
    const problems = settingsProblems(parsed.error?.issues ?? []);
    expect(problems.map((p) => p.field)).toEqual([
      'display_name',
      'booking_url',
      'primary_color',
      'allowed_origins',
    ]);
    expect(problems.find((p) => p.field === 'allowed_origins')?.message).toMatch(/^Line 2: /);
    const message = problemsMessage(problems);
    expect(message).toMatch(/^Bot name: Give Clara a name\. Booking URL: Use a full http\(s\) URL\./);
    expect(message).not.toMatch(/display_name|primary_color|allowed_origins/);
  });

  it('reads paths under settings. and names unknown keys', () => {
    expect(
      settingsProblems([
        { path: ['settings', 'display_name'], message: 'Give Clara a name.' },
        { path: ['settings'], message: 'x', code: 'unrecognized_keys', keys: ['shoe_size'] },
      ]),
    ).toEqual([
      { field: 'display_name', message: 'Give Clara a name.' },
      { field: 'shoe_size', message: '“shoe_size” is not a setting.' },
    ]);
  });

  it('labels every setting', () => {
    for (const label of Object.values(settingsLabels)) expect(label).toMatch(/^[A-Z][a-z]/);
  });
});
