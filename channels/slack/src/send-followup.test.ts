import { describe, expect, it } from 'vitest';
import { feedbackActionIds } from './render-reply';
import { renderFollowup } from './send-followup';

const base = {
  channelId: 'C1',
  threadTs: '1.2',
  messageId: '2b5d3c1e-0000-4000-8000-000000000001',
};

describe('renderFollowup', () => {
  it('heads the answer with the question, escaped, and ends with the usual thumbs', () => {
    const { text, blocks } = renderFollowup({
      ...base,
      question: 'Can <!channel> bring *dogs* & cats?',
      answer: 'Yes, **on a lead**.',
    });
    const heading = JSON.stringify(blocks[0]);
    expect(heading).toContain('Your question has an answer now');
    expect(heading).toContain('&lt;!channel&gt;');
    expect(heading).not.toContain('<!channel>');
    expect(JSON.stringify(blocks)).toContain('*on a lead*');
    const last = blocks.at(-1);
    expect(last).toMatchObject({ type: 'actions', block_id: 'clara_feedback' });
    expect(last?.type === 'actions' && last.elements.map((e) => [e.action_id, e.value])).toEqual([
      [feedbackActionIds.up, base.messageId],
      [feedbackActionIds.down, base.messageId],
    ]);
    expect(text).toContain('Yes, on a lead.');
  });

  it('keeps every block within Slack’s limits for a long answer', () => {
    const { text, blocks } = renderFollowup({
      ...base,
      question: 'q'.repeat(2000),
      answer: 'a '.repeat(5000),
    });
    for (const b of blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(text.length).toBeLessThanOrEqual(3000);
  });
});
