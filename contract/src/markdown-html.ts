import { type Block, type Inline, parseMarkdown } from './markdown';

const esc = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const inlineHtml = (nodes: Inline[]): string =>
  nodes
    .map((n) => {
      if (typeof n === 'string') return esc(n);
      if (n.t === 'br') return '<br>';
      if (n.t === 'a')
        return `<a href="${esc(n.href)}" target="_blank" rel="noopener noreferrer">${inlineHtml(n.c)}</a>`;
      const tag = n.t === 'b' ? 'strong' : 'em';
      return `<${tag}>${inlineHtml(n.c)}</${tag}>`;
    })
    .join('');

const blockHtml = (b: Block): string =>
  b.t === 'p'
    ? `<p>${inlineHtml(b.c)}</p>`
    : `<${b.t}>${b.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${b.t}>`;

/**
 * A message as the widget shows it (the one parser, markdown.ts), rendered as an HTML string in
 * which every character of the text is escaped: only `<p>`, `<ul>`/`<ol>`/`<li>`, `<strong>`,
 * `<em>`, `<br>` and http/https/mailto `<a>` are built. For the admin's previews, and for the demo
 * page, which loads it as a script (the widget build's dist/markdown.js, served at
 * /demo/markdown.js) exposing `ClaraMarkdown.markdownToHtml`.
 */
export function markdownToHtml(src: string): string {
  return parseMarkdown(src).map(blockHtml).join('');
}
