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
      gap_reply: '',
    });
    const problems = settingsProblems(parsed.error?.issues ?? []);
    expect(problems.map((p) => p.field)).toEqual([
      'display_name',
      'booking_url',
      'primary_color',
      'allowed_origins',
    ]);
    // Both bad lines are named, not only the first.
    expect(problems.find((p) => p.field === 'allowed_origins')?.message).toMatch(
      /^Lines 2 and 3: Use an origin/,
    );
    const message = problemsMessage(problems);
    expect(message).toMatch(/^Bot name: Give Clara a name\. Booking URL: Use a full http\(s\) URL\./);
    expect(message).not.toMatch(/display_name|primary_color|allowed_origins/);
  });

  it('names every bad line of a list, the same problem together, quoting each line when given the input', () => {
    const input = {
      settings: {
        allowed_origins: [
          'https://ok.example',
          'shop.example',
          'https://ok2.example',
          'https://x.example/path',
        ],
        suggested_messages: ['Hi', ''],
      },
    };
    const issues = [
      { path: ['settings', 'allowed_origins', 1], message: 'Use an origin.' },
      { path: ['settings', 'allowed_origins', 3], message: 'Use an origin.' },
      { path: ['settings', 'suggested_messages', 1], message: 'A suggested message is empty.' },
    ];
    expect(settingsProblems(issues, input)).toEqual([
      {
        field: 'allowed_origins',
        message: 'Lines 2 (“shop.example”) and 4 (“https://x.example/path”): Use an origin.',
      },
      { field: 'suggested_messages', message: 'Suggestion 2 (“”): A suggested message is empty.' },
    ]);
    // Without the input: the line numbers only; three lines and two different problems.
    const three = settingsProblems([
      { path: ['allowed_origins', 4], message: 'Too long.' },
      { path: ['allowed_origins', 0], message: 'Use an origin.' },
      { path: ['allowed_origins', 2], message: 'Use an origin.' },
      { path: ['allowed_origins', 1], message: 'Use an origin.' },
    ]);
    expect(three).toEqual([
      { field: 'allowed_origins', message: 'Line 5: Too long. Lines 1, 2 and 3: Use an origin.' },
    ]);
    // A problem with the whole list comes first and stands alone.
    expect(
      settingsProblems([
        { path: ['allowed_origins'], message: 'At most 50 sites.' },
        { path: ['allowed_origins', 3], message: 'Use an origin.' },
      ]),
    ).toEqual([{ field: 'allowed_origins', message: 'At most 50 sites.' }]);
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
