/** An error the API answered with (`{ error: { code, message } }`), plus any extra fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the session has ended (401 from the admin API). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

let bearer: (() => Promise<string | null>) | null = null;

/** Supabase mode: a source of the access token sent as `Authorization: Bearer`. */
export function setBearerProvider(provider: (() => Promise<string | null>) | null): void {
  bearer = provider;
}

function csrfToken(): string {
  const match = /(?:^|;\s*)clara_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ?? '';
}

export interface RequestOptions {
  /** A raw body (e.g. CSV text, an image file) instead of JSON. */
  raw?: string | Blob;
  contentType?: string;
}

/** Calls the Clara API with the session cookie and the CSRF header; throws ApiError on 4xx/5xx. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  const token = bearer ? await bearer() : null;
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | Blob | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['content-type'] = options.contentType ?? 'text/plain';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const error = (json?.error ?? {}) as { code?: string; message?: string };
    if (res.status === 401 && path.startsWith('/admin/')) for (const l of unauthorizedListeners) l();
    throw new ApiError(
      res.status,
      error.code ?? 'http_error',
      error.message ?? `Request failed (${res.status}).`,
      json,
    );
  }
  return json as T;
}

/** The message to show for anything thrown by `api`. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * Downloads a file from the API with the owner's credentials (the session cookie, or the Supabase
 * bearer token a plain link would not send) and saves it under the name the server gives.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {};
  const token = bearer ? await bearer() : null;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`/api${path}`, { headers, credentials: 'same-origin' });
  if (!res.ok) {
    if (res.status === 401) for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, 'http_error', `The download failed (${res.status}).`, null);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
