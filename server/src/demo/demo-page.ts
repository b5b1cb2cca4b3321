import { demoMarkdownPath } from './demo-markdown-asset';
import { faviconDataUrl } from './favicon';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
/** WCAG relative luminance of a `#rrggbb` colour. */
const luminance = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
};
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The page's colours from a brand colour (`#rrggbb`, else Clara's teal): the accent, the text on
 * it (black or white, whichever reads better, as the widget picks), and the accent as text on
 * white where it reads at 4.5:1 (else near-black).
 */
function pageColours(brand: string | undefined) {
  const accent = brand && /^#[0-9a-f]{6}$/i.test(brand) ? brand : '#0f766e';
  const l = luminance(accent);
  return {
    accent,
    onAccent: contrast(l, 1) >= contrast(l, 0) ? '#ffffff' : '#000000',
    ink: contrast(l, 1) >= 4.5 ? accent : '#111827',
  };
}

/**
 * A minimal chat page that talks to POST /api/chat with SSE. The visitor's text is inserted with
 * textContent; Clara's replies as the widget shows them, through the contract's markdown parser
 * (`markdownToHtml`, loaded from /demo/markdown.js: everything escaped but bold, italic, lists,
 * line breaks and http/https/mailto links; plain text when the widget is not built). Each reply is
 * labelled with its kind as the chat API returns it.
 */
export function demoPage(options: {
  workspaceId: string | null;
  businessName: string;
  /** An owner's own workspace (Install → Try it now): its assistant's name (display_name), the generic intro. */
  assistantName?: string;
  placeholder?: string;
  /** The owner's brand colour (`primary_color`, as the widget uses it); Clara's teal without. */
  accent?: string;
}): string {
  const colours = pageColours(options.accent);
  const ws = options.workspaceId ? JSON.stringify(options.workspaceId) : 'null';
  const own = options.assistantName !== undefined;
  // Only visitor-facing settings on an owner's page: the workspace name stays in the admin.
  const title = own ? `${options.assistantName} · test page` : `Clara demo · ${options.businessName}`;
  const heading = own ? `${options.assistantName} · test page` : `${options.businessName} · Clara demo`;
  const intro = own
    ? 'Try your assistant: ask a question from your knowledge base, then one it cannot answer (it shows up in the gap inbox). The bubble in the corner is the widget, as it will appear on your site.'
    : "Ask a question from the demo knowledge base, or anything else to see how Clara handles a gap. The bubble in the corner is the embeddable widget, as it would appear on the shop's own site.";
  const placeholder = options.placeholder || (own ? 'Ask a question…' : 'Ask about repairs, rentals, hours…');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${faviconDataUrl}">
<style>
  :root { --accent: ${colours.accent}; --on-accent: ${colours.onAccent}; --ink: ${colours.ink}; font-family: system-ui, -apple-system, Segoe UI, sans-serif; color: #111827; }
  body { margin: 0; background: #f3f4f6; display: flex; justify-content: center; }
  main { width: min(680px, 100%); margin: 24px 12px; }
  /* The widget's open panel (380 px, 20 px from a corner) must not cover this page's own chat box:
     from 1,260 px wide (room for a 420 px column between two 420 px corners) it keeps clear of both. */
  @media (min-width: 1260px) { main { width: min(680px, calc(100vw - 840px)); } }
  h1 { font-size: 1.25rem; margin: 0 0 4px; }
  p.sub { margin: 0 0 16px; color: #4b5563; }
  #log { background: #fff; border-radius: 12px; padding: 16px; min-height: 320px; max-height: 60vh; overflow-y: auto;
         box-shadow: 0 1px 3px rgba(0,0,0,.1); display: flex; flex-direction: column; gap: 10px; }
  .msg { padding: 10px 12px; border-radius: 12px; max-width: 85%; white-space: pre-wrap; line-height: 1.4; }
  .user { align-self: flex-end; background: var(--accent); color: var(--on-accent); }
  .assistant { align-self: flex-start; background: #f3f4f6; }
  .assistant { white-space: normal; }
  .assistant p, .assistant ul, .assistant ol { margin: 0 0 6px; }
  .assistant ul, .assistant ol { padding-left: 20px; }
  .assistant a { color: var(--ink); }
  .meta { font-size: .75rem; color: #6b7280; margin-top: 4px; }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .chips button { border: 1px solid var(--accent); color: var(--ink); background: #fff; border-radius: 999px;
                  padding: 4px 10px; cursor: pointer; font-size: .85rem; }
  form { display: flex; gap: 8px; margin-top: 12px; }
  input { flex: 1; padding: 10px 12px; border-radius: 10px; border: 1px solid #d1d5db; font-size: 1rem; }
  button[type=submit] { padding: 10px 16px; border-radius: 10px; border: 0; background: var(--accent); color: var(--on-accent); font-size: 1rem; cursor: pointer; }
  .error { color: #b91c1c; }
  .book { display: inline-block; margin-top: 6px; color: var(--ink); font-weight: 600; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(heading)}</h1>
  <p class="sub">${escapeHtml(intro)}</p>
  <div id="log" role="log" aria-live="polite" aria-label="Conversation"></div>
  <form id="form">
    <label for="q" hidden>Your question</label>
    <input id="q" name="q" autocomplete="off" maxlength="2000" placeholder="${escapeHtml(placeholder)}" required>
    <button type="submit">Send</button>
  </form>
</main>
<script src="${demoMarkdownPath}"></script>
<script>
(function () {
  var workspaceId = new URLSearchParams(location.search).get('workspace') || ${ws};
  var log = document.getElementById('log');
  var form = document.getElementById('form');
  var input = document.getElementById('q');
  var key = 'clara-demo-session:' + workspaceId;
  var session = sessionStorage.getItem(key);
  var bookingUrl = null;
  if (!session) { session = crypto.randomUUID(); sessionStorage.setItem(key, session); }

  // The newest message in view: the log scrolls, and the page too when the log is below the fold.
  function toEnd() {
    log.scrollTop = log.scrollHeight;
    if (log.lastChild) log.lastChild.scrollIntoView({ block: 'nearest' });
  }
  // The widget's markdown rules (contract/src/markdown-html.ts, from ${demoMarkdownPath}): escaped
  // HTML with a few safe tags. Plain text when that script is missing (the widget not built).
  var md = window.ClaraMarkdown ? window.ClaraMarkdown.markdownToHtml : null;
  function show(el, role, text) {
    if (role === 'assistant' && md) el.innerHTML = md(text);
    else el.textContent = text;
  }
  function bubble(role, text) {
    var el = document.createElement('div');
    el.className = 'msg ' + role;
    show(el, role, text);
    log.appendChild(el);
    toEnd();
    return el;
  }
  // What kind of reply this is, from the fields the chat API returns (contract/src/chat-message.ts).
  function kindLabel(message) {
    var confidence = typeof message.confidence === 'number' ? ' (confidence ' + message.confidence.toFixed(2) + ')' : '';
    var matched = message.matched_qa_ids || [];
    if (message.asked_for_person) {
      return 'Asked for a person' + (message.escalation_offered ? ': the booking link is offered.' : ': flagged for the owner.');
    }
    if (message.reply_kind === 'clarify') {
      return 'Did you mean…?' + confidence + ' The closest questions are offered, and the question is filed as a gap for the owner.';
    }
    if (message.reply_kind === 'gap' || message.gap_detected) {
      return 'Not in the knowledge base (filed as a gap)' + confidence;
    }
    if (!matched.length) return 'Small talk (no knowledge-base answer)';
    return 'Answered from the knowledge base' + confidence;
  }
  function decorate(el, message) {
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.setAttribute('data-kind', message.asked_for_person ? 'person' : message.reply_kind || '');
    meta.textContent = kindLabel(message);
    if (message.escalation_offered && bookingUrl) {
      // The reply says "using the link below": this is the link.
      var book = document.createElement('a');
      book.className = 'book';
      book.href = bookingUrl;
      book.target = '_blank';
      book.rel = 'noopener noreferrer';
      book.textContent = 'Book a time with the team';
      el.appendChild(book);
    }
    el.appendChild(meta);
    if (message.suggestion_chips && message.suggestion_chips.length) {
      var chips = document.createElement('div');
      chips.className = 'chips';
      message.suggestion_chips.forEach(function (chip) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = chip;
        b.addEventListener('click', function () { ask(chip); });
        chips.appendChild(b);
      });
      el.appendChild(chips);
    }
    toEnd();
  }
  async function ask(text) {
    bubble('user', text);
    var el = bubble('assistant', '…');
    var body = JSON.stringify({ workspace_id: workspaceId, session_token: session, message_id: crypto.randomUUID(), message: text });
    try {
      var res = await fetch('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' }, body: body });
      if (!res.ok) { var err = await res.json(); throw new Error(err.error ? err.error.message : res.statusText); }
      var reader = res.body.getReader(); var decoder = new TextDecoder(); var buffer = ''; var text = '';
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        var frames = buffer.split('\\n\\n'); buffer = frames.pop();
        frames.forEach(function (frame) {
          var event = /^event: (.*)$/m.exec(frame); var data = /^data: (.*)$/m.exec(frame);
          if (!event || !data) return;
          var payload = JSON.parse(data[1]);
          if (event[1] === 'reset') { text = ''; }
          if (event[1] === 'delta') { text += payload.text; show(el, 'assistant', text); toEnd(); }
          if (event[1] === 'done') { show(el, 'assistant', payload.message.content); decorate(el, payload.message); }
          if (event[1] === 'error') { throw new Error(payload.error.message); }
        });
      }
    } catch (e) {
      el.textContent = 'Sorry, something went wrong: ' + e.message;
      el.classList.add('error');
    }
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    ask(text);
  });
  if (!workspaceId) { bubble('assistant', 'Open this page with ?workspace=<workspace id>.'); return; }
  var config = fetch('/api/widget/' + workspaceId + '/config').then(function (r) { return r.json(); }).then(function (c) {
    var s = c.settings || {};
    bookingUrl = s.escalation_enabled === false ? null : s.booking_url || null;
    return s;
  }, function () { return {}; });
  Promise.all([
    fetch('/api/chat/history?workspace_id=' + encodeURIComponent(workspaceId) + '&session_token=' + session)
      .then(function (r) { return r.json(); }),
    config,
  ]).then(function (loaded) {
    var h = loaded[0]; var settings = loaded[1];
    if (!h.messages || !h.messages.length) {
      if (settings.welcome_message) bubble('assistant', settings.welcome_message);
      return;
    }
    h.messages.forEach(function (m) { var el = bubble(m.role, m.content); if (m.role === 'assistant') decorate(el, m); });
  });
})();
</script>
${options.workspaceId ? `<script src="/widget.js" data-workspace-id="${escapeHtml(options.workspaceId)}" async></script>` : ''}
</body>
</html>`;
}
