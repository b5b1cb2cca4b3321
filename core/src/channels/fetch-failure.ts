// Socket errors of a request that never reached the server (undici's fetch: TypeError "fetch
// failed" with the system error as `cause`). Any other lost connection (ECONNRESET, undici's
// UND_ERR_SOCKET "other side closed") may come after the request was written.
const notConnected = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * What a failed `fetch` says of a post sent to a channel's API: `maybeDelivered` when the
 * request may have been written and carried out all the same (a timeout, a connection lost after
 * connecting), not when it never reached the server (refused, unknown host).
 */
export function fetchFailure(error: unknown): { code: string; maybeDelivered: boolean } {
  const e = error as { name?: string; cause?: { code?: unknown } } | null | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return { code: 'timeout', maybeDelivered: true };
  const socket = String(e?.cause?.code ?? '');
  if (notConnected.has(socket)) return { code: socket.toLowerCase(), maybeDelivered: false };
  return { code: 'connection_lost', maybeDelivered: true };
}
