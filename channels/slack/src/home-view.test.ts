import { describe, expect, it } from 'vitest';
import { emptyHomeText, renderHomeView } from './home-view';

const settings = {
  display_name: 'Brightside',
  welcome_message: 'Hi! Ask me about the shop.',
  suggested_messages: ['When are you open?', 'Do you <!channel> ship & deliver?'],
};

describe('renderHomeView', () => {
  it('lists the suggested questions and the topics with their counts, escaped for mrkdwn', () => {
    const view = renderHomeView(settings, [
      { category: 'shipping', pairs: 12 },
      { category: 'a<b>', pairs: 1 },
    ]);
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'What Brightside can answer' },
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('• When are you open?');
    expect(text).toContain('• Do you &lt;!channel&gt; ship &amp; deliver?');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('• shipping: 12 answers');
    expect(text).toContain('• a&lt;b&gt;: 1 answer');
    expect(text).not.toContain(emptyHomeText);
  });

  it("shows the owner the open gaps with the admin's link first; nobody else sees them", () => {
    const owner = renderHomeView(settings, [{ category: 'shipping', pairs: 2 }], {
      openGaps: 3,
      gapsUrl: 'https://clara.example.com/admin/gaps?x=1&y=<2>',
    });
    expect(owner.blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*For you, as the owner*\n*3 open gaps*: questions I could not answer yet. <https://clara.example.com/admin/gaps?x=1&amp;y=%3C2%3E|Answer them in the admin>',
      },
    });
    expect(owner.blocks[2]).toEqual({ type: 'divider' });
    const none = JSON.stringify(
      renderHomeView(settings, [], { openGaps: 0, gapsUrl: 'https://x.test/admin/gaps' }),
    );
    expect(none).toContain('No open gaps');
    expect(none).not.toContain('x.test');
    expect(JSON.stringify(renderHomeView(settings, []))).not.toContain('owner');
  });

  it('says so when there is nothing to show yet', () => {
    const view = renderHomeView({ ...settings, suggested_messages: [] }, []);
    expect(JSON.stringify(view.blocks)).toContain(emptyHomeText);
    expect(JSON.stringify(view.blocks)).not.toContain('Try asking');
  });
});
