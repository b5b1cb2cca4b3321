import { describe, expect, it } from 'vitest';
import { renderFollowup } from './send-followup';

describe('renderFollowup: the asker’s question in the notification text', () => {
  it('is escaped like the blocks (Slack parses `text` as mrkdwn): no @channel ping, no forged link, no user mention', () => {
    // What questionFromSlackText makes of a colleague typing these literally (Slack's &lt;…&gt; decoded).
    const { text } = renderFollowup({
      channelId: 'C1',
      threadTs: '1.2',
      messageId: '2b5d3c1e-0000-4000-8000-000000000001',
      question: 'Hi <!channel> see <https://evil.example|the docs> & <@U123>',
      answer: 'Yes.',
    });
    expect(text).not.toMatch(/<[!@h]/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain(' &amp; ');
  });
});
