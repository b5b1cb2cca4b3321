import { type Api, ApiError } from './api';
import { h } from './dom';
import { uuid } from './session';
import type { ChatMessage, Rating, Visitor, WidgetSettings } from './types';
import { errorRow } from './ui/error-view';
import { answerView, chipRow, userBubble } from './ui/message-view';
import type { View } from './ui/widget-view';

/** The conversation: restores history, sends with retry, streams answers, rates them. */
export function createChat(
  api: Api,
  view: View,
  s: WidgetSettings,
  store: { get(k: string): string | null; set(k: string, v: string | null): void },
  visitor: () => Visitor,
) {
  let busy = false;
  let restored = false;
  let starters: HTMLElement | null = null;
  const name = s.display_name;
  const token = (): string => {
    let t = store.get('session');
    if (!t) {
      t = uuid();
      store.set('session', t);
    }
    return t;
  };
  const add = (el: HTMLElement | null): void => {
    if (el) view.log.append(el);
    view.scroll();
  };
  const setBusy = (b: boolean): void => {
    busy = b;
    view.send.disabled = b;
  };
  const actions = {
    ask: (t: string) => void send(t),
    rate: (id: string, r: Rating) => api.feedback(token(), id, r).then(() => true),
    bookingUrl: s.escalation_enabled ? s.booking_url : null,
    name,
  };
  const showAnswer = (m: ChatMessage): void => {
    const a = answerView(actions);
    a.finish(m);
    add(a.el);
  };

  const send = async (raw: string, id = uuid(), retry = false, restarted = false): Promise<void> => {
    const text = raw.trim();
    if (!text || busy) return;
    // The starters go: a focused one would drop the focus to <body>, so it goes to the message box.
    view.keepFocus(starters);
    setBusy(true);
    starters?.remove();
    starters = null;
    if (!retry) {
      view.input.value = '';
      view.input.style.height = '';
      add(userBubble(text));
    }
    const a = answerView(actions);
    add(a.el);
    let acc = '';
    let restart = false;
    try {
      const v = visitor();
      const msg = await api.chat(
        {
          session_token: token(),
          message_id: id,
          message: text,
          ...(v.name || v.email ? { visitor: v } : {}),
        },
        (d) => {
          acc += d;
          a.text(acc);
          view.scroll();
        },
        (meta) => {
          acc = '';
          if (meta.session_token) store.set('session', meta.session_token);
        },
      );
      a.finish(msg);
      const options = msg.reply_kind === 'clarify' ? (msg.suggestion_chips ?? []) : [];
      view.announce(`${name}: ${[msg.content, ...options].join(' ')}`);
    } catch (e) {
      a.el.remove();
      if (e instanceof ApiError && e.code === 'conversation_full' && !restarted) {
        // The session holds as many messages as the server keeps: the same question goes to a
        // new conversation, after a short note (the earlier messages stay on screen above it).
        store.set('session', null);
        add(
          h(
            'p',
            { class: 'note', role: 'status' },
            'This conversation reached its length limit, so a new one has started.',
          ),
        );
        restart = true;
      } else {
        // Retry removes its row: the focus goes to the message box, not to <body> (Escape would no
        // longer close the panel, and a screen reader would start again at the top of the page).
        add(
          errorRow(
            e,
            name,
            () => void send(text, id, true),
            (row) => view.keepFocus(row),
          ),
        );
      }
    } finally {
      setBusy(false);
      view.scroll();
    }
    if (restart) await send(text, uuid(), true, true);
  };

  return {
    send,
    /** On first open: the welcome, then the session's history or the starter questions. */
    async restore(): Promise<void> {
      if (restored) return;
      restored = true;
      if (s.welcome_message) add(welcomeBubble(s, actions));
      let history: ChatMessage[] = [];
      const t = store.get('session');
      if (t) {
        try {
          history = await api.history(t);
        } catch {
          // History is a nicety: without it the visitor starts a fresh-looking chat.
        }
      }
      for (const m of history) {
        if (m.role === 'user') add(userBubble(m.content));
        else showAnswer(m);
      }
      if (!history.length) {
        starters = chipRow(s.suggested_messages.slice(0, 5), actions.ask, 'Suggested questions');
        add(starters);
      }
    },
  };
}

const welcomeBubble = (s: WidgetSettings, act: Parameters<typeof answerView>[0]): HTMLElement => {
  const a = answerView(act);
  a.text(s.welcome_message);
  a.el.querySelector('[aria-busy]')?.removeAttribute('aria-busy');
  return a.el;
};
