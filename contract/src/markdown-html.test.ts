import { describe, expect, it } from 'vitest';
// The widget's own parser: the rules this module must mirror.
import { type Block, type Inline, parseMarkdown } from '../../widget/src/markdown';
import { markdownToHtml } from './markdown-html';

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const inline = (nodes: Inline[]): string =>
  nodes
    .map((n) => {
      if (typeof n === 'string') return esc(n);
      if (n.t === 'br') return '<br>';
      if (n.t === 'a')
        return `<a href="${esc(n.href)}" target="_blank" rel="noopener noreferrer">${inline(n.c)}</a>`;
      const tag = n.t === 'b' ? 'strong' : 'em';
      return `<${tag}>${inline(n.c)}</${tag}>`;
    })
    .join('');
const widgetHtml = (src: string) =>
  parseMarkdown(src)
    .map((b: Block) =>
      b.t === 'p'
        ? `<p>${inline(b.c)}</p>`
        : `<${b.t}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.t}>`,
    )
    .join('');

const samples = [
  "Sorry, I don't know that yet.\n**Call us** on 555-0100.\n\n- Monday to Friday\n- Saturday mornings",
  '1. Book online\n2) Or call\n- a bullet\n* another\nafter the list',
  '# Heading\nsnake_case_word and 2*3*4 and __bold__ and _it_ and *it*',
  'See [our prices](https://example.com/prices?a=1&b=2) or https://example.com/x. Mail mailto:hi@example.com!',
  '[bad](javascript:alert(1)) <script>alert("x")</script> & \'quotes\'',
  '**[bold link](http://a.example/(x))** and [**x**](ftp://nope)',
  '\r\n\r\nLine one\r\nLine two   \n   \n• dot item',
];

describe('markdownToHtml', () => {
  it.each(samples)('renders as the widget does: %j', (src) => {
    expect(markdownToHtml(src)).toBe(widgetHtml(src));
  });

  it('escapes everything that is not markdown and keeps only http, https and mailto links', () => {
    const html = markdownToHtml('<img src=x onerror=alert(1)> [x](javascript:alert(1)) **Call us**');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; x <strong>Call us</strong></p>');
  });

  it('is self-contained, so the demo page can inline its source', () => {
    const fn = new Function(`return (${String(markdownToHtml)});`)() as typeof markdownToHtml;
    expect(fn('- a\n- **b**')).toBe('<ul><li>a</li><li><strong>b</strong></li></ul>');
  });
});
