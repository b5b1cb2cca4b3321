import { safeHref } from '@clara/contract/markdown';
import { h, ICONS, icon } from '../dom';
import { renderMarkdown } from '../markdown-dom';
import type { ChatMessage, Rating } from '../types';

/** What an answer's controls can do. */
export interface AnswerActions {
  ask(text: string): void;
  rate(messageId: string, rating: Rating): Promise<boolean>;
  bookingUrl: string | null;
  name: string;
}

/** A visitor's message, as plain text. */
export function userBubble(text: string): HTMLElement {
  return h('div', { class: 'm u' }, h('span', { class: 'sr' }, 'You: '), text);
}

/** Starter buttons (suggested messages or chips) that ask their text when clicked. */
export function chipRow(texts: string[], ask: (t: string) => void, label: string): HTMLElement | null {
  if (!texts.length) return null;
  return h(
    'div',
    { class: 'row', role: 'group', 'aria-label': label },
    ...texts.map((t) => h('button', { class: 'chip', type: 'button', onclick: () => ask(t) }, t)),
  );
}

/**
 * The questions of a "Did you mean…?" reply, inside its bubble right under the text: one button
 * per question, named by the reply's own words for assistive technology; a click asks it.
 */
function choiceList(msg: ChatMessage, ask: (t: string) => void): HTMLElement | null {
  const texts = msg.suggestion_chips ?? [];
  if (msg.reply_kind !== 'clarify' || !texts.length) return null;
  return h(
    'div',
    { class: 'opts', role: 'group', 'aria-label': msg.content },
    ...texts.map((t) => h('button', { class: 'opt', type: 'button', onclick: () => ask(t) }, t)),
  );
}

/** An answer bubble: shows a typing indicator, then streamed text, then its controls. */
export function answerView(act: AnswerActions): {
  el: HTMLElement;
  text(full: string): void;
  finish(msg: ChatMessage): void;
} {
  const body = h('div', {}, h('div', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')));
  const bubble = h(
    'div',
    { class: 'm a', 'aria-busy': 'true' },
    h('span', { class: 'sr' }, `${act.name}: `),
    body,
  );
  const el = h('div', { class: 'item' }, bubble);
  const paint = (text: string): void => {
    body.replaceChildren(renderMarkdown(text));
  };
  return {
    el,
    text: paint,
    finish(msg) {
      paint(msg.content);
      bubble.removeAttribute('aria-busy');
      const book = act.bookingUrl && msg.escalation_offered ? safeHref(act.bookingUrl) : null;
      const choices = choiceList(msg, act.ask);
      if (choices) bubble.append(choices);
      const chips = choices ? null : chipRow(msg.suggestion_chips ?? [], act.ask, 'Suggested questions');
      const fb = feedbackButtons(msg, act.rate);
      el.append(
        h(
          'div',
          { class: 'row' },
          book &&
            h(
              'a',
              { class: 'book', href: book, target: '_blank', rel: 'noopener noreferrer' },
              'Book a call',
            ),
          ...fb,
        ),
      );
      if (chips) el.append(chips);
    },
  };
}

/** What the visitor is told once a rating is recorded (or could not be). */
export const feedbackAck = {
  up: 'Thanks for your feedback.',
  down: 'Thanks, the owner will see this.',
  failed: 'Your feedback could not be sent. Please try again.',
} as const;

/**
 * Helpful / Not helpful, and a live region that acknowledges a rating in words (present from the
 * start, empty, so that a screen reader announces what is written into it; not a second
 * role=status beside the widget's own announcer).
 */
const feedbackButtons = (msg: ChatMessage, rate: AnswerActions['rate']): HTMLElement[] => {
  let current: Rating | null = msg.feedback ?? null;
  const ack = h('span', { class: 'ack', 'aria-live': 'polite' });
  const make = (rating: Rating, label: string): HTMLButtonElement =>
    h(
      'button',
      {
        type: 'button',
        class: rating === 'up' ? 'fb' : 'fb dn',
        'aria-label': label,
        'aria-pressed': String(current === rating),
        onclick: async () => {
          const before = current;
          set(rating);
          ack.textContent = '';
          try {
            await rate(msg.message_id, rating);
            ack.textContent = feedbackAck[rating];
          } catch {
            set(before);
            ack.textContent = feedbackAck.failed;
          }
        },
      },
      icon(ICONS.thumb, 16),
    );
  const buttons = [make('up', 'Helpful'), make('down', 'Not helpful')];
  const set = (r: Rating | null): void => {
    current = r;
    buttons.forEach((b, i) => {
      b.setAttribute('aria-pressed', String((i ? 'down' : 'up') === r));
    });
  };
  return [...buttons, ack];
};
