/* biome-ignore-all lint/suspicious/noExplicitAny: test helper; bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';

/** A signed-in owner talking to the admin API like the SPA does (cookies + CSRF header). */
export interface AdminClient {
  email: string;
  password: string;
  workspaceId: string;
  cookies: Map<string, string>;
  /** Sends a request with the session cookie and CSRF token (JSON bodies are encoded). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** `request` and parse the JSON response (status checked by the caller). */
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** A cookie jar that understands the server's Set-Cookie lines. */
export function storeCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (attrs.some((a) => a.trim().toLowerCase() === 'max-age=0') || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

/** Builds a client over a cookie jar (empty: signed out). */
export function adminClient(
  baseUrl: string,
  identity: { email: string; password: string; workspaceId?: string },
): AdminClient {
  const cookies = new Map<string, string>();
  const client: AdminClient = {
    email: identity.email,
    password: identity.password,
    workspaceId: identity.workspaceId ?? '',
    cookies,
    async request(method, path, body, headers = {}) {
      const h: Record<string, string> = { accept: 'application/json', ...headers };
      const csrf = cookies.get('clara_csrf');
      if (csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
      if (cookies.size > 0) h.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      let payload: string | undefined;
      if (typeof body === 'string') payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${baseUrl}${path}`, { method, headers: h, body: payload, redirect: 'manual' });
      storeCookies(cookies, res);
      return res;
    },
    async json(method, path, body) {
      const res = await client.request(method, path, body);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
  return client;
}

/** Signs up a new owner (fresh email) through the API; the client is signed in. */
export async function signUpOwner(
  baseUrl: string,
  options: { workspaceName?: string } = {},
): Promise<AdminClient> {
  const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
  const client = adminClient(baseUrl, { email, password: `pw-${randomUUID()}` });
  await client.request('GET', '/api/auth/session');
  const res = await client.json('POST', '/api/auth/sign-up', {
    email,
    password: client.password,
    workspace_name: options.workspaceName,
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  client.workspaceId = res.body.workspace.id;
  return client;
}
