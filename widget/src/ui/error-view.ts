import { ApiError } from '../api';
import { h } from '../dom';

/** The readable sentence for a failed send. */
export function errorText(e: unknown, name: string): string {
  const s = e instanceof ApiError ? e.status : -2;
  if (s === 0) return `Can't reach ${name} right now. Check your connection and try again.`;
  if (s === 429) {
    const wait =
      e instanceof ApiError && e.retryAfter ? ` in ${Math.ceil(e.retryAfter)} seconds` : ' in a moment';
    return `You're sending messages a little fast. Please try again${wait}.`;
  }
  if (s === 503) return `${name} is temporarily unavailable. Please try again shortly.`;
  if (s === 400 || s === 413) return 'That message could not be sent. Try shortening it.';
  if (s === 403 && e instanceof ApiError && e.code === 'forbidden') return refusalText(e.message);
  return 'Something went wrong. Please try again.';
}

const REFUSED = 'This site is not allowed to use this chat.';

/**
 * The server's own reason for refusing this site (403 `forbidden`: the page's origin is not in the
 * workspace's Allowed sites), when it reads as one short sentence; the same sentence otherwise.
 */
function refusalText(message: string): string {
  const m = message.trim();
  return m.length > 0 && m.length <= 200 && !/[\r\n<>{}]/.test(m) ? m : REFUSED;
}

/**
 * An alert row with a Retry button, disabled for the server's Retry-After (at most 60 s).
 * `leave(row)` runs just before Retry removes the row, to move the focus off its button.
 */
export function errorRow(
  e: unknown,
  name: string,
  retry: () => void,
  leave: (row: HTMLElement) => void = () => {},
): HTMLElement {
  const button = h('button', { type: 'button' }, 'Retry');
  const row = h('div', { class: 'err', role: 'alert' }, h('span', {}, errorText(e, name)), button);
  button.onclick = () => {
    leave(row);
    row.remove();
    retry();
  };
  const wait = e instanceof ApiError && e.retryAfter ? Math.min(e.retryAfter, 60) : 0;
  if (wait) {
    button.disabled = true;
    setTimeout(() => {
      button.disabled = false;
    }, wait * 1000);
  }
  return row;
}
