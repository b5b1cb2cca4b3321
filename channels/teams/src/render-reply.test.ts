import { type AssistantMessage, parseSettings } from '@clara/core';
import { describe, expect, it } from 'vitest';
import { renderReply, renderWelcome } from './render-reply';

const reply = (overrides: Partial<AssistantMessage> = {}): AssistantMessage => ({
  message_id: '6f0f3c55-5d5e-4c1e-9d44-0a3a3e4f2b10',
  role: 'assistant',
  content: 'We are open **9 to 5**.',
  timestamp: new Date(0).toISOString(),
  suggestion_chips: ['Do you ship abroad?'],
  gap_detected: false,
  matched_qa_ids: [],
  confidence: 0.9,
  escalation_offered: false,
  ...overrides,
});
const settings = parseSettings({ booking_url: 'https://cal.example.com/x', suggested_messages: ['Hours?'] });

describe('renderReply', () => {
  it('sends Markdown with chips as imBack suggested actions in a personal chat', () => {
    const activity = renderReply(reply(), settings, 'personal');
    expect(activity).toMatchObject({
      type: 'message',
      text: 'We are open **9 to 5**.',
      textFormat: 'markdown',
    });
    expect(activity.suggestedActions?.actions).toEqual([
      { type: 'imBack', title: 'Do you ship abroad?', value: 'Do you ship abroad?' },
    ]);
    expect(activity.attachments).toBeUndefined();
  });

  it('puts chips on Adaptive Card Action.Submit buttons in channels and group chats', () => {
    for (const scope of ['channel', 'groupChat'] as const) {
      const activity = renderReply(reply(), settings, scope);
      expect(activity.suggestedActions).toBeUndefined();
      expect(activity.attachments?.[0]?.content.actions).toEqual([
        {
          type: 'Action.Submit',
          title: 'Do you ship abroad?',
          data: { clara_action: 'ask', question: 'Do you ship abroad?' },
        },
      ]);
    }
  });

  it('adds the booking link only when escalation was offered and is enabled', () => {
    const offered = renderReply(
      reply({ escalation_offered: true, suggestion_chips: [] }),
      settings,
      'personal',
    );
    expect(offered.attachments?.[0]?.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Book a call', url: 'https://cal.example.com/x' },
    ]);
    expect(renderReply(reply({ suggestion_chips: [] }), settings, 'personal').attachments).toBeUndefined();
    const disabled = parseSettings({ booking_url: 'https://cal.example.com/x', escalation_enabled: false });
    expect(
      renderReply(reply({ escalation_offered: true, suggestion_chips: [] }), disabled, 'channel').attachments,
    ).toBeUndefined();
  });

  it('renders the welcome with the suggested messages as chips', () => {
    expect(renderWelcome(settings, 'personal')).toMatchObject({
      text: settings.welcome_message,
      suggestedActions: { actions: [{ type: 'imBack', value: 'Hours?' }] },
    });
  });
});
