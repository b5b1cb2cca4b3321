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

  it('says so when there is nothing to show yet', () => {
    const view = renderHomeView({ ...settings, suggested_messages: [] }, []);
    expect(JSON.stringify(view.blocks)).toContain(emptyHomeText);
    expect(JSON.stringify(view.blocks)).not.toContain('Try asking');
  });
});
