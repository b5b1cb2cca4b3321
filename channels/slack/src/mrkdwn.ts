/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inline(text: string): string {
  const links: string[] = [];
  // Links first, so their URLs are not touched by the emphasis rules; a placeholder keeps them aside.
  let out = text.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => {
    links.push(`<${url.replace(/\|/g, '%7C')}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`);
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
