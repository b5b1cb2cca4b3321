/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A URL inside `<url|label>`: `<`, `>` and `|` would end the link early and let the rest be
 * read as mrkdwn (`<!channel>`, a second forged link), so they are percent-encoded; `&` is
 * written `&amp;` as Slack's docs ask.
 */
export function escapeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

function inline(text: string): string {
  const links: string[] = [];
  // Links first, so their URLs are not touched by the emphasis rules; a placeholder keeps them aside.
  let out = text.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => {
    links.push(`<${escapeUrl(url)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  out = escapeMrkdwn(out)
    .replace(/\*\*(.+?)\*\*/g, '\uE001$1\uE001') // **bold** → *bold*
    .replace(/__(.+?)__/g, '\uE001$1\uE001')
    .replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1_$2_') // *italic* → _italic_
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(/\uE001/g, '*');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)] ?? '');
}

/** Converts the answer's Markdown to Slack mrkdwn: bold, italics, links, headings, bullets; code kept verbatim. */
export function toMrkdwn(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push('```');
      continue;
    }
    if (inFence) {
      out.push(escapeMrkdwn(line));
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push(`*${inline(heading[1] ?? '').replace(/\*/g, '')}*`);
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      out.push(`${bullet[1] ?? ''}• ${inline(bullet[2] ?? '')}`);
      continue;
    }
    out.push(inline(line));
  }
  return out.join('\n');
}

/**
 * The answer as plain text for a message's `text` (notifications, screen readers): Markdown
 * markers removed, links as "label (url)", and Slack's control characters escaped, since
 * Slack parses `text` as mrkdwn too.
 */
export function toPlainText(markdown: string): string {
  const plain = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*```.*$/gm, '')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1$2');
  return escapeMrkdwn(plain.trim());
}
