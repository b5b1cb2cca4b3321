import { describe, expect, it } from 'vitest';
import { renderFollowup } from './send-followup';

const followup = {
  serviceUrl: 'https://smba.example/',
  conversationId: 'a:1',
  botAppId: null,
  question: 'Do you repair scooters?',
  answer: 'No, only bicycles.',
  messageId: '2b5d3c1e-0000-4000-8000-000000000002',
};

describe('renderFollowup', () => {
  it('says the question has an answer, with the question, the answer and the feedback card', () => {
    const activity = renderFollowup({ ...followup, conversationType: 'personal' });
    expect(activity.text).toContain('Your question has an answer now');
    expect(JSON.stringify(activity.attachments)).toContain(followup.question);
    expect(activity.text).toContain(followup.answer);
    const card = JSON.stringify(activity.attachments);
    expect(card).toContain(`"message_id":"${followup.messageId}"`);
    expect(card).toContain('"rating":"down"');
  });

  it('has no suggested actions in a channel either', () => {
    const activity = renderFollowup({ ...followup, conversationType: 'channel' });
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toHaveLength(2);
  });

  it('shows the asker’s question as plain text, never as Markdown the bot posts', () => {
    // Attack: a question with a Markdown link or formatting would be posted by the bot as its own.
    const question = 'Where is [the policy](https://evil.example/login) _now_ **please** <b>x</b>';
    const activity = renderFollowup({ ...followup, question, conversationType: 'personal' });
    expect(activity.text).not.toContain('evil.example');
    expect(activity.text).not.toContain('please');
    const [asked] = activity.attachments ?? [];
    const block = (asked?.content as { body?: Record<string, unknown>[] } | undefined)?.body?.[0];
    expect(block?.type).toBe('RichTextBlock');
    // TextRun text is never Markdown in Adaptive Cards: the question is shown exactly as typed.
    const runs = block?.inlines as { type: string; text: string }[];
    expect(runs.every((r) => r.type === 'TextRun')).toBe(true);
    expect(runs.map((r) => r.text)).toContain(question);
  });
});
