import { safeHref } from '@clara/contract/markdown';
import { pickTextColor } from '../contrast';
import { h, ICONS, icon } from '../dom';
import { CSS } from '../styles';
import type { WidgetSettings } from '../types';

/** The mounted skeleton: bubble, panel, conversation log, composer and live region. */
export interface View {
  log: HTMLElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  setOpen(open: boolean, focus: boolean): void;
  isOpen(): boolean;
  /** Says `text` through the polite live region. */
  announce(text: string): void;
  /** Scrolls the log to its end. */
  scroll(): void;
  /** If the focus is on `el` or inside it (about to be disabled or removed), moves it to the message box. */
  keepFocus(el: Element | null): void;
}

/** The longest message the server takes (`maxMessageLength` in @clara/contract). */
export const MAX_MESSAGE = 2000;
/** From this length on, the composer shows how many characters are left to the limit. */
const COUNT_FROM = 1800;

/** An `<img>` for an http(s) URL from the settings, or null. */
export const image = (url: string | null, cls: string): HTMLImageElement | null => {
  const src = url && safeHref(url);
  return src && /^https?:/.test(src) ? h('img', { src, alt: '', class: cls }) : null;
};

/** Builds the widget inside a shadow root on `host`; `onSubmit` gets the composer's text. */
export function createView(host: HTMLElement, s: WidgetSettings, onSubmit: (text: string) => void): View {
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;

  const bubbleIcon = (open: boolean): Node => {
    if (open) return icon(ICONS.close, 28);
    const img = image(s.chat_icon_url, '');
    if (!img) return icon(ICONS.chat, 28);
    img.onerror = () => img.replaceWith(icon(ICONS.chat, 28));
    return img;
  };
  const bubble = h('button', {
    class: 'bubble',
    type: 'button',
    'aria-expanded': 'false',
    'aria-controls': 'clara-panel',
  });
  const close = h('button', { class: 'x', type: 'button', 'aria-label': 'Close chat' }, icon(ICONS.close));
  const log = h('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'off',
    'aria-label': 'Conversation',
    tabindex: '0',
  });
  const input = h('textarea', {
    id: 'clara-input',
    rows: '1',
    placeholder: s.placeholder_text,
    autocomplete: 'off',
    'aria-describedby': 'clara-limit',
  });
  // Near the limit the count shows; over it the message is refused and kept, never cut short.
  const limit = h('div', { class: 'lim', id: 'clara-limit', hidden: true });
  const tooLong = () => input.value.trim().length > MAX_MESSAGE;
  const showLimit = (): void => {
    const n = input.value.length;
    const over = tooLong();
    limit.hidden = n < COUNT_FROM && !over;
    limit.classList.toggle('over', over);
    limit.textContent = over
      ? `${n} / ${MAX_MESSAGE} characters: too long to send. Please shorten your message.`
      : `${n} / ${MAX_MESSAGE} characters`;
    if (over) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  const submit = (): void => {
    if (tooLong()) {
      showLimit();
      view.announce(limit.textContent ?? '');
      return;
    }
    onSubmit(input.value);
    showLimit();
  };
  const send = h('button', { class: 'send', type: 'submit', 'aria-label': 'Send message' }, icon(ICONS.send));
  const live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (e) => {
        e.preventDefault();
        // Sending disables the Send button: the focus must not fall from it to <body> (where
        // Escape no longer closes the panel), and a click in Safari never focused it at all.
        input.focus();
        submit();
      },
    },
    h('label', { class: 'sr', for: 'clara-input' }, `Message ${s.display_name}`),
    input,
    send,
  );
  const panel = h(
    'section',
    {
      id: 'clara-panel',
      class: 'panel',
      role: 'dialog',
      'aria-label': `Chat with ${s.display_name}`,
      hidden: true,
    },
    // A plain div, not <header>: the panel's title bar is no banner landmark of the host page.
    h('div', { class: 'hd' }, image(s.avatar_url, 'av'), h('h2', {}, s.display_name), close),
    log,
    form,
    limit,
    s.powered_by_clara && h('div', { class: 'foot' }, 'Powered by Clara'),
  );
  const w = h('div', { class: `w${s.bubble_position === 'left' ? ' left' : ''}` }, panel, bubble, live);
  w.style.setProperty('--p', s.primary_color);
  w.style.setProperty('--pt', pickTextColor(s.primary_color));
  w.style.setProperty('--bb', s.bubble_color);
  w.style.setProperty('--bt', pickTextColor(s.bubble_color));
  root.append(style, w);

  let open = false;
  const view: View = {
    log,
    input,
    send,
    isOpen: () => open,
    setOpen(next, focus) {
      open = next;
      panel.hidden = !next;
      w.classList.toggle('open', next);
      bubble.setAttribute('aria-expanded', String(next));
      bubble.setAttribute('aria-label', next ? 'Close chat' : `Open chat with ${s.display_name}`);
      bubble.replaceChildren(bubbleIcon(next));
      if (next) view.scroll();
      if (focus) (next ? input : bubble).focus();
    },
    announce(text) {
      live.textContent = '';
      setTimeout(() => {
        live.textContent = text;
      }, 50);
    },
    scroll() {
      log.scrollTop = log.scrollHeight;
    },
    keepFocus(el) {
      const active = root.activeElement;
      if (el && active && el.contains(active)) input.focus();
    },
  };
  bubble.onclick = () => view.setOpen(!open, true);
  close.onclick = () => view.setOpen(false, true);
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      view.setOpen(false, true);
    }
    if (e.key === 'Tab') tabToLatest(e, panel, root.activeElement, view);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    input.style.height = '40px';
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
    showLimit();
  });
  view.setOpen(false, false);
  return view;
}

/**
 * The panel is no modal: Tab leaves it after Send. The answers sit above the message box, so the
 * box comes just before the latest reply's buttons in the Tab order: …, earlier answers, the
 * box, the latest reply's buttons, Send, then out of the panel (Shift+Tab the reverse). No trap.
 */
function tabToLatest(e: KeyboardEvent, panel: HTMLElement, active: Element | null, v: View): void {
  const all = [...panel.querySelectorAll<HTMLElement>('button, textarea, a[href], [tabindex="0"]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
  const lastAsked = [...v.log.querySelectorAll('.m.u')].at(-1);
  const latest = all.filter(
    (el) =>
      v.log.contains(el) &&
      el !== v.log &&
      (!lastAsked || lastAsked.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
  );
  const first = latest[0];
  if (!first) return;
  const before = all[all.indexOf(first) - 1];
  // While a message is sending, Send is disabled: the chat button (after the panel) comes next.
  const next = v.send.disabled ? (panel.nextElementSibling as HTMLElement | null) : v.send;
  const order = [before, v.input, ...latest, next];
  const at = order.indexOf(active as HTMLElement);
  const to = at < 0 ? null : order[e.shiftKey ? at - 1 : at + 1];
  if (!to) return;
  e.preventDefault();
  to.focus();
}
