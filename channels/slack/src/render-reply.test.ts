import { type AssistantMessage, fallbackAnswer, noBookingAnswer } from '@clara/core';
import { describe, expect, it } from 'vitest';
import { gapNotice, maxSections, renderReply } from './render-reply';

const reply = (over: Partial<AssistantMessage> = {}): AssistantMessage => ({
  message_id: '6f1c2b4e-1d2a-5b3c-8d4e-5f6a7b8c9d0e',
  role: 'assistant',
  content: 'Shipping is **free** over $50.',
  timestamp: '2026-11-25T12:00:00.000Z',
  suggestion_chips: ['Can I return an item?', 'Do you ship internationally?'],
  gap_detected: false,
  matched_qa_ids: [],
  confidence: 0.9,
  escalation_offered: false,
  ...over,
});

describe('renderReply', () => {
  it('renders the answer as mrkdwn with chips as buttons that carry their question', () => {
    const { text, blocks } = renderReply(reply(), { bookingUrl: null });
    expect(text).toBe('Shipping is free over $50.');
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Shipping is *free* over $50.' },
    });
    expect(blocks[1]).toMatchObject({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'clara_chip_0', value: 'Can I return an item?' },
        { type: 'button', action_id: 'clara_chip_1', value: 'Do you ship internationally?' },
      ],
    });
  });

  it('adds the booking button only when escalation is offered and a booking link exists', () => {
    const offered = renderReply(reply({ escalation_offered: true, suggestion_chips: [] }), {
      bookingUrl: 'https://cal.example.com/x',
    });
    expect(offered.blocks.at(-2)).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'clara_booking', url: 'https://cal.example.com/x', style: 'primary' }],
    });
    const noLink = renderReply(reply({ escalation_offered: true, suggestion_chips: [] }), {
      bookingUrl: null,
    });
    expect(noLink.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual([
      'clara_feedback',
    ]);
  });

  it('notes a filed gap and who clicked a chip', () => {
    const { blocks } = renderReply(reply({ gap_detected: true, suggestion_chips: [] }), {
      bookingUrl: null,
      askedBy: { userId: 'U1', question: 'a <b>' },
    });
    expect(blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<@U1> asked: _a &lt;b&gt;_' }],
    });
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: gapNotice }] });
  });

  it('puts thumbs under an answer (not a gap) and says "passed on" once', () => {
    const { blocks } = renderReply(reply(), { bookingUrl: null });
    expect(blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: 'clara_feedback',
      elements: [
        { action_id: 'clara_feedback_up', value: reply().message_id },
        { action_id: 'clara_feedback_down', value: reply().message_id },
      ],
    });
    const gap = renderReply(
      reply({
        gap_detected: true,
        suggestion_chips: [],
        content: fallbackAnswer,
      }),
      { bookingUrl: null },
    );
    expect(JSON.stringify(gap.blocks)).not.toContain(gapNotice);
    expect(JSON.stringify(gap.blocks)).not.toContain('clara_feedback');
    // The engine's "cannot book" gap reply says so too; an owner's own gap reply gets the notice.
    const noBooking = renderReply(
      reply({ gap_detected: true, suggestion_chips: [], content: noBookingAnswer }),
      {
        bookingUrl: null,
      },
    );
    expect(JSON.stringify(noBooking.blocks)).not.toContain(gapNotice);
    const own = renderReply(
      reply({ gap_detected: true, suggestion_chips: [], content: 'Not sure: call us on 01234 567890.' }),
      { bookingUrl: null },
    );
    expect(JSON.stringify(own.blocks)).toContain(gapNotice);
  });

  it('renders a "Did you mean…?" reply as its question buttons, without the gap notice', () => {
    const clarify = {
      ...reply({ gap_detected: true, content: 'Did you mean one of these questions?' }),
      reply_kind: 'clarify',
    };
    const { blocks } = renderReply(clarify as AssistantMessage, { bookingUrl: null });
    expect(JSON.stringify(blocks)).not.toContain(gapNotice);
    expect(blocks.find((b) => b.type === 'actions')).toMatchObject({
      elements: [
        { action_id: 'clara_chip_0', value: 'Can I return an item?' },
        { action_id: 'clara_chip_1' },
      ],
    });
  });

  it('splits a long answer into sections under the 3000-character limit', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Line ${i} of a long answer.`).join('\n');
    const { blocks } = renderReply(reply({ content: long, suggestion_chips: [] }), { bookingUrl: null });
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });

  it('keeps a very long answer within Slack’s 50 blocks, the rest cut with an ellipsis', () => {
    const long = Array.from({ length: 8_000 }, (_, i) => `Line ${i} of a very long answer.`).join('\n');
    const { blocks } = renderReply(
      reply({
        content: long,
        gap_detected: true,
        escalation_offered: true,
        suggestion_chips: ['Can I return an item?'],
      }),
      { bookingUrl: 'https://example.com/book', askedBy: { userId: 'U1', question: 'Tell me everything' } },
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections).toHaveLength(maxSections);
    for (const b of sections) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)?.text.text.endsWith('…')).toBe(true);
    expect(blocks.map((b) => b.type).slice(-2)).toEqual(['context', 'actions']);
    expect(sections[0]?.text.text.startsWith('Line 0 of a very long answer.')).toBe(true);
  });
});
