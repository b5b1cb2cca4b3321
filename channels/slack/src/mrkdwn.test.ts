import { describe, expect, it } from 'vitest';
import { questionFromSlackText, slackMessageId } from './conversation';
import { toMrkdwn, toPlainText } from './mrkdwn';

describe('toMrkdwn', () => {
  it('converts bold, italics, links, headings and bullets', () => {
    expect(toMrkdwn('**Free** shipping over $50, see [our policy](https://ex.com/ship).')).toBe(
      '*Free* shipping over $50, see <https://ex.com/ship|our policy>.',
    );
    expect(toMrkdwn('an *important* note')).toBe('an _important_ note');
    expect(toMrkdwn('## Returns\n- within 30 days\n* with a receipt')).toBe(
      '*Returns*\n• within 30 days\n• with a receipt',
    );
    expect(toMrkdwn('~~old~~ price')).toBe('~old~ price');
  });

  it('escapes <, > and & so an answer cannot ping @channel or forge links', () => {
    expect(toMrkdwn('a <!channel> & <https://evil|x>')).toBe(
      'a &lt;!channel&gt; &amp; &lt;https://evil|x&gt;',
    );
  });

  it('keeps a link from breaking out of its URL (no @channel, no second link)', () => {
    const out = toMrkdwn('[docs](https://a.example/x><!channel><https://evil.example|click>)');
    expect(out).not.toContain('<!channel>');
    expect(out).toBe('<https://a.example/x%3E%3C!channel%3E%3Chttps://evil.example%7Cclick%3E|docs>');
    expect(toMrkdwn('[a](https://x.example/?a=1&b=2)')).toBe('<https://x.example/?a=1&amp;b=2|a>');
  });

  it('keeps code fences verbatim', () => {
    expect(toMrkdwn('```\n**not bold**\n```')).toBe('```\n**not bold**\n```');
  });
});

describe('toPlainText', () => {
  it('drops Markdown markers and escapes mrkdwn control characters', () => {
    expect(toPlainText('We are open **9 to 5**, see [hours](https://x.example/h).')).toBe(
      'We are open 9 to 5, see hours (https://x.example/h).',
    );
    expect(toPlainText('## Title\n- a <!channel>')).toBe('Title\n• a &lt;!channel&gt;');
  });
});

describe('questionFromSlackText', () => {
  it('strips the bot mention and makes other markup readable', () => {
    expect(questionFromSlackText('<@UBOT> what are your &lt;opening&gt; hours?', 'UBOT')).toBe(
      'what are your <opening> hours?',
    );
    expect(
      questionFromSlackText('<@UBOT> ask <@U2|ana> in <#C1|general> about <https://x.io|this>', 'UBOT'),
    ).toBe('ask @ana in #general about this');
  });
});

describe('slackMessageId', () => {
  it('is a stable UUID per Slack message', () => {
    const a = slackMessageId('T1', 'C1', '1700000000.000100');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slackMessageId('T1', 'C1', '1700000000.000100')).toBe(a);
    expect(slackMessageId('T1', 'C1', '1700000000.000200')).not.toBe(a);
  });
});
