/**
 * Clara's one markdown parser: a tiny, safe subset parsed into plain data (never HTML):
 * paragraphs with line breaks, `-`/`*`/`+`/`•` and `1.`/`1)` lists, `#` headings as bold
 * paragraphs, `**bold**`, `__bold__`, `*italic*`, `_italic_`, `[text](url)` and bare links. Links
 * survive only with http, https or mailto; anything else stays text. The widget renders the parse
 * as DOM nodes (widget/src/markdown-dom.ts); the admin's previews and the demo page as escaped
 * HTML (markdown-html.ts). No imports: the widget bundles it (`@clara/contract/markdown`).
 */

/** Inline content: text, a line break, bold, italic or a checked link. */
export type Inline =
  | string
  | { t: 'br' }
  | { t: 'b' | 'i'; c: Inline[] }
  | { t: 'a'; href: string; c: Inline[] };

/** Block content: a paragraph or a list of items. */
export type Block = { t: 'p'; c: Inline[] } | { t: 'ul' | 'ol'; items: Inline[][] };

/** The normalised href when `raw` is an absolute http, https or mailto URL; else null. */
export function safeHref(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  return /^(https?|mailto):$/.test(u.protocol) ? u.href : null;
}

const INLINE =
  /\*\*(\S[\s\S]*?)\*\*|__(\S[\s\S]*?)__|\*([^\s*](?:[^*]*?[^\s*])?)\*|_([^\s_](?:[^_]*?[^\s_])?)_|\[([^\]\n]+)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)|((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)\]'])/g;
const WORD = /\w/;

const pushText = (out: Inline[], s: string): void => {
  s.split('\n').forEach((part, i) => {
    if (i) out.push({ t: 'br' });
    if (part) out.push(part);
  });
};

/** Parses inline markup; `links` false inside a link's own text. */
export function parseInline(s: string, links = true): Inline[] {
  const out: Inline[] = [];
  const re = new RegExp(INLINE.source, 'g');
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const before = s.charAt(m.index - 1);
    const after = s.charAt(re.lastIndex);
    const inWord = WORD.test(before) || WORD.test(after);
    let node: Inline | Inline[] | null = null;
    if (m[1] !== undefined) node = { t: 'b', c: parseInline(m[1], links) };
    else if (m[2] !== undefined) node = inWord ? null : { t: 'b', c: parseInline(m[2], links) };
    else if (m[3] !== undefined) node = { t: 'i', c: parseInline(m[3], links) };
    else if (m[4] !== undefined) node = inWord ? null : { t: 'i', c: parseInline(m[4], links) };
    else if (m[5] !== undefined) {
      const href = links ? safeHref(m[6] ?? '') : null;
      node = href ? { t: 'a', href, c: parseInline(m[5], false) } : parseInline(m[5], false);
    } else if (m[7] !== undefined && links) {
      const href = safeHref(m[7]);
      node = href ? { t: 'a', href, c: [m[7]] } : null;
    }
    if (node === null) {
      re.lastIndex = m.index + 1;
      continue;
    }
    pushText(out, s.slice(last, m.index));
    if (Array.isArray(node)) out.push(...node);
    else out.push(node);
    last = re.lastIndex;
  }
  pushText(out, s.slice(last));
  return out;
}

/** Parses a message into blocks. */
export function parseMarkdown(src: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  type List = { t: 'ul' | 'ol'; items: Inline[][] };
  let list: List | null = null;
  const flush = (): void => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (const raw of src.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const ul = /^[-*+•]\s+(.*)$/.exec(line);
    const item = ul ?? /^\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const t = ul ? 'ul' : 'ol';
      let cur = list as List | null;
      if (cur?.t !== t) {
        cur = list = { t, items: [] };
        blocks.push(cur);
      }
      cur.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    list = null;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!line || heading) flush();
    if (heading) blocks.push({ t: 'p', c: [{ t: 'b', c: parseInline(heading[1] ?? '') }] });
    else if (line) para.push(line);
  }
  flush();
  return blocks;
}
