/**
 * The widget's markdown subset (widget/src/markdown.ts: paragraphs with line breaks, `-`/`*`/`+`/`•`
 * and `1.` lists, `#` headings as bold, `**bold**`, `__bold__`, `*italic*`, `_italic_`,
 * `[text](url)` and bare links; links only with http, https or mailto) rendered as an HTML string
 * in which every other character is escaped. For the admin's previews and the demo page's chat,
 * so they show a reply as the widget does. Self-contained on purpose (no outside reference): the
 * demo page inlines its source with `String(markdownToHtml)`. markdown-html.test.ts checks it
 * against the widget's parser.
 */
export function markdownToHtml(src: string): string {
  const esc = (s: string): string =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  const safeHref = (raw: string): string | null => {
    let u: URL;
    try {
      u = new URL(raw.trim());
    } catch {
      return null;
    }
    return /^(https?|mailto):$/.test(u.protocol) ? u.href : null;
  };
  const INLINE =
    /\*\*(\S[\s\S]*?)\*\*|__(\S[\s\S]*?)__|\*([^\s*](?:[^*]*?[^\s*])?)\*|_([^\s_](?:[^_]*?[^\s_])?)_|\[([^\]\n]+)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)|((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)\]'])/g;
  const WORD = /\w/;
  const text = (s: string): string => s.split('\n').map(esc).join('<br>');
  const link = (href: string, inner: string): string =>
    `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
  const inline = (s: string, links: boolean): string => {
    let out = '';
    const re = new RegExp(INLINE.source, 'g');
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const inWord = WORD.test(s.charAt(m.index - 1)) || WORD.test(s.charAt(re.lastIndex));
      let node: string | null = null;
      if (m[1] !== undefined) node = `<strong>${inline(m[1], links)}</strong>`;
      else if (m[2] !== undefined) node = inWord ? null : `<strong>${inline(m[2], links)}</strong>`;
      else if (m[3] !== undefined) node = `<em>${inline(m[3], links)}</em>`;
      else if (m[4] !== undefined) node = inWord ? null : `<em>${inline(m[4], links)}</em>`;
      else if (m[5] !== undefined) {
        const href = links ? safeHref(m[6] ?? '') : null;
        node = href ? link(href, inline(m[5], false)) : inline(m[5], false);
      } else if (m[7] !== undefined && links) {
        const href = safeHref(m[7]);
        node = href ? link(href, esc(m[7])) : null;
      }
      if (node === null) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out += text(s.slice(last, m.index)) + node;
      last = re.lastIndex;
    }
    return out + text(s.slice(last));
  };
  let html = '';
  let para: string[] = [];
  let list: { t: 'ul' | 'ol'; items: string[] } | null = null;
  const closeList = (): void => {
    if (list) html += `<${list.t}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.t}>`;
    list = null;
  };
  const flush = (): void => {
    if (para.length) html += `<p>${inline(para.join('\n'), true)}</p>`;
    para = [];
  };
  for (const raw of src.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const ul = /^[-*+•]\s+(.*)$/.exec(line);
    const item = ul ?? /^\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const t = ul ? 'ul' : 'ol';
      let cur = list as { t: 'ul' | 'ol'; items: string[] } | null;
      if (cur?.t !== t) {
        closeList();
        cur = list = { t, items: [] };
      }
      cur.items.push(inline(item[1] ?? '', true));
      continue;
    }
    closeList();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!line || heading) flush();
    if (heading) html += `<p><strong>${inline(heading[1] ?? '', true)}</strong></p>`;
    else if (line) para.push(line);
  }
  flush();
  closeList();
  return html;
}
