/** Why no Bot Framework token was issued: no connection, no answer in time, refused, or another failure. */
export type TokenFailureKind = 'unreachable' | 'timeout' | 'refused' | 'failed';

/**
 * A failed Bot Framework token request, with what is safe to show: the kind, the HTTP status and
 * the OAuth error code (e.g. `invalid_client`, `AADSTS7000215`), never the request or the password.
 */
export class TeamsTokenError extends Error {
  readonly kind: TokenFailureKind;
  readonly status: number | null;
  readonly code: string | null;

  constructor(kind: TokenFailureKind, options: { status?: number | null; code?: string | null } = {}) {
    super(`The bot token request failed (${kind}${options.status ? `, HTTP ${options.status}` : ''}).`);
    this.name = 'TeamsTokenError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.code = options.code ?? null;
  }
}

const safeCode = (value: unknown) =>
  typeof value === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(value) ? value : null;

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  // MSAL's own codes for a request that never got an answer.
  'network_error',
  'endpoints_resolution_error',
  'no_network_connectivity',
  'post_request_failed',
  'get_request_failed',
]);
const timeoutCodes = new Set(['ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'request_timeout']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  status?: unknown;
  statusCode?: unknown;
  cause?: unknown;
}

/**
 * Classifies whatever a token request threw (fetch, MSAL, botframework): network codes anywhere
 * in the cause chain are `unreachable`, aborts and timeouts `timeout`, an OAuth error code or a
 * 4xx `refused`; anything else `failed`.
 */
export function classifyTokenFailure(error: unknown): TeamsTokenError {
  if (error instanceof TeamsTokenError) return error;
  let status: number | null = null;
  let oauthCode: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as ErrorShape;
    const code = safeCode(e.code) ?? safeCode(e.errorCode);
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || (code && timeoutCodes.has(code)))
      return new TeamsTokenError('timeout');
    if (code && networkCodes.has(code)) return new TeamsTokenError('unreachable', { code });
    const s =
      typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null;
    status ??= s;
    if (code && /^(invalid_|unauthorized_client|AADSTS)/.test(code)) oauthCode ??= code;
    current = e.cause;
  }
  if (oauthCode || (status !== null && status >= 400 && status < 500))
    return new TeamsTokenError('refused', { status, code: oauthCode });
  return new TeamsTokenError('failed', { status });
}
