import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown-html';

const a = (href: string, text: string) =>
  `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;

// The HTML the separate copy of the widget's rules produced for these (checked then against the
// widget's parser): the renderer over the one parser keeps it.
const cases: [string, string][] = [
  [
    "Sorry, I don't know that yet.\n**Call us** on 555-0100.\n\n- Monday to Friday\n- Saturday mornings",
    '<p>Sorry, I don&#39;t know that yet.<br><strong>Call us</strong> on 555-0100.</p><ul><li>Monday to Friday</li><li>Saturday mornings</li></ul>',
  ],
  [
    '1. Book online\n2) Or call\n- a bullet\n* another\nafter the list',
    '<ol><li>Book online</li><li>Or call</li></ol><ul><li>a bullet</li><li>another</li></ul><p>after the list</p>',
  ],
  [
    '# Heading\nsnake_case_word and 2*3*4 and __bold__ and _it_ and *it*',
    '<p><strong>Heading</strong></p><p>snake_case_word and 2<em>3</em>4 and <strong>bold</strong> and <em>it</em> and <em>it</em></p>',
  ],
  [
    'See [our prices](https://example.com/prices?a=1&b=2) or https://example.com/x. Mail mailto:hi@example.com!',
    `<p>See ${a('https://example.com/prices?a=1&amp;b=2', 'our prices')} or ${a('https://example.com/x', 'https://example.com/x')}. Mail ${a('mailto:hi@example.com', 'mailto:hi@example.com')}!</p>`,
  ],
  [
    '[bad](javascript:alert(1)) <script>alert("x")</script> & \'quotes\'',
    '<p>bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
  ],
  [
    '**[bold link](http://a.example/(x))** and [**x**](ftp://nope)',
    `<p><strong>${a('http://a.example/(x)', 'bold link')}</strong> and <strong>x</strong></p>`,
  ],
  [
    '\r\n\r\nLine one\r\nLine two   \n   \n• dot item',
    '<p>Line one<br>Line two</p><ul><li>dot item</li></ul>',
  ],
];

describe('markdownToHtml', () => {
  it.each(cases)('renders as the widget does: %j', (src, html) => {
    expect(markdownToHtml(src)).toBe(html);
  });

  it('escapes everything that is not markdown and keeps only http, https and mailto links', () => {
    const html = markdownToHtml('<img src=x onerror=alert(1)> [x](javascript:alert(1)) **Call us**');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; x <strong>Call us</strong></p>');
  });

  it('escapes quotes in a link so it cannot leave its attribute', () => {
    expect(markdownToHtml('[x](https://a.example/"onmouseover=alert(1))')).toBe(
      `<p>${a('https://a.example/%22onmouseover=alert(1)', 'x')}</p>`,
    );
  });
});
