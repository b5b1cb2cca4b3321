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
    expect(activity.text).toContain(followup.question);
    expect(activity.text).toContain(followup.answer);
    const card = JSON.stringify(activity.attachments);
    expect(card).toContain(`"message_id":"${followup.messageId}"`);
    expect(card).toContain('"rating":"down"');
  });

  it('has no suggested actions in a channel either', () => {
    const activity = renderFollowup({ ...followup, conversationType: 'channel' });
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toHaveLength(1);
  });
});
