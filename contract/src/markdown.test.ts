import { describe, expect, it } from 'vitest';
import { type Block, type Inline, parseInline, parseMarkdown, safeHref } from './markdown';

/** Every link href in a parse tree. */
const hrefs = (blocks: Block[]): string[] => {
  const out: string[] = [];
  const walk = (ns: Inline[]): void => {
    for (const n of ns) {
      if (typeof n === 'string' || n.t === 'br') continue;
      if (n.t === 'a') out.push(n.href);
      walk(n.c);
    }
  };
  for (const b of blocks) {
    if (b.t === 'p') walk(b.c);
    else for (const i of b.items) walk(i);
  }
  return out;
};

describe('safeHref', () => {
  it('keeps http, https and mailto', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('mailto:hi@example.com')).toBe('mailto:hi@example.com');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative',
    'www.example.com',
  ])('rejects %j', (raw) => {
    expect(safeHref(raw)).toBeNull();
  });

  it('percent-encodes quotes so an href cannot break out of an attribute', () => {
    expect(safeHref('https://a.example/"onmouseover=alert(1)')).toBe(
      'https://a.example/%22onmouseover=alert(1)',
    );
  });
});

describe('parseMarkdown', () => {
  it('keeps HTML as plain text', () => {
    const src = '<img src=x onerror=alert(1)>';
    expect(parseMarkdown(src)).toEqual([{ t: 'p', c: [src] }]);
    expect(parseMarkdown('<script>alert(1)</script> **<b>x</b>**')).toEqual([
      { t: 'p', c: ['<script>alert(1)</script> ', { t: 'b', c: ['<b>x</b>'] }] },
    ]);
  });

  it('drops unsafe link targets but keeps their text', () => {
    const blocks = parseMarkdown('[click](javascript:alert(1)) and [x](data:text/html,hi)');
    expect(hrefs(blocks)).toEqual([]);
    expect(blocks).toEqual([{ t: 'p', c: ['click', ' and ', 'x'] }]);
  });

  it('allows balanced parentheses in link targets', () => {
    expect(hrefs(parseMarkdown('[wiki](https://en.wikipedia.org/wiki/Foo_(bar))'))).toEqual([
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
  });

  it('does not autolink javascript: text', () => {
    expect(hrefs(parseMarkdown('javascript:alert(document.cookie)'))).toEqual([]);
  });

  it('renders bold, italics and links', () => {
    expect(parseInline('**Hours**: *9 to 5*, see [the page](https://ex.com/h).')).toEqual([
      { t: 'b', c: ['Hours'] },
      ': ',
      { t: 'i', c: ['9 to 5'] },
      ', see ',
      { t: 'a', href: 'https://ex.com/h', c: ['the page'] },
      '.',
    ]);
  });

  it('autolinks bare URLs without trailing punctuation', () => {
    expect(parseInline('Go to https://ex.com/a.')).toEqual([
      'Go to ',
      { t: 'a', href: 'https://ex.com/a', c: ['https://ex.com/a'] },
      '.',
    ]);
  });

  it('does not nest links inside link text', () => {
    expect(parseInline('[see https://b.ex](https://a.ex)')).toEqual([
      { t: 'a', href: 'https://a.ex/', c: ['see https://b.ex'] },
    ]);
  });

  it('leaves snake_case and lone stars alone', () => {
    expect(parseInline('use my_var_name and 2 * 3 * 4')).toEqual(['use my_var_name and 2 * 3 * 4']);
  });

  it('builds lists, paragraphs and line breaks', () => {
    expect(parseMarkdown('Options:\n- one\n- **two**\n\n1. first\n2. second\nend\nline')).toEqual([
      { t: 'p', c: ['Options:'] },
      { t: 'ul', items: [['one'], [{ t: 'b', c: ['two'] }]] },
      { t: 'ol', items: [['first'], ['second']] },
      { t: 'p', c: ['end', { t: 'br' }, 'line'] },
    ]);
  });

  it('turns headings into bold paragraphs', () => {
    expect(parseMarkdown('## Prices')).toEqual([{ t: 'p', c: [{ t: 'b', c: ['Prices'] }] }]);
  });
});
