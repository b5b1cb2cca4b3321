import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';

/** A stored object in the fake Storage. */
export interface FakeObject {
  contentType: string;
  body: Buffer;
}

/**
 * A local stand-in for a Supabase project's HTTP side: the Auth JWKS
 * (`/auth/v1/.well-known/jwks.json`, an ES256 and an RS256 key) with a token minter, and the
 * Storage object endpoints Clara calls (upload, delete, public read). Storage checks the
 * anon `apikey`, verifies the bearer like Supabase does and applies the seed's policy
 * through `ownsFolder` (the first path segment must be a workspace of the token's `sub`).
 */
export async function startFakeSupabase(options: {
  anonKey: string;
  jwtSecret?: string;
  ownsFolder?: (userId: string, folder: string) => Promise<boolean>;
}) {
  const es = await generateKeyPair('ES256');
  const rs = await generateKeyPair('RS256');
  const publicJwks: JWK[] = [
    { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' },
  ];
  const localJwks = createLocalJWKSet({ keys: publicJwks });
  const objects = new Map<string, FakeObject>();
  // Auth users for the password grant, and the magic links asked for.
  const users = new Map<string, { id: string; password: string }>();
  const magicLinks: string[] = [];
  const requests: { method: string; path: string; authorization: string | undefined }[] = [];
  let jwksFetches = 0;

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // The admin SPA calls Auth from the browser: CORS as Supabase answers it.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname === '/auth/v1/token' && url.searchParams.get('grant_type') === 'password') {
      const { email = '', password = '' } = JSON.parse((await readBody(req)).toString() || '{}');
      const user = users.get(String(email).toLowerCase());
      if (!user || user.password !== password) {
        return send(400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
      }
      const access_token = await mint({ sub: user.id, email });
      const expires_at = Math.floor(Date.now() / 1000) + 3600;
      return send(200, {
        access_token,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at,
        refresh_token: randomUUID(),
        user: {
          id: user.id,
          aud: 'authenticated',
          role: 'authenticated',
          email,
          app_metadata: {},
          user_metadata: {},
          created_at: new Date().toISOString(),
        },
      });
    }
    if (url.pathname === '/auth/v1/otp' && req.method === 'POST') {
      const { email = '' } = JSON.parse((await readBody(req)).toString() || '{}');
      magicLinks.push(String(email));
      return send(200, {});
    }
    if (url.pathname === '/auth/v1/logout') {
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname === '/auth/v1/.well-known/jwks.json') {
      jwksFetches++;
      return send(200, { keys: publicJwks });
    }
    const publicRead = /^\/storage\/v1\/object\/public\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (publicRead && req.method === 'GET') {
      const object = objects.get(`${publicRead[1]}/${publicRead[2]}`);
      if (!object) return send(404, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      res.writeHead(200, { 'content-type': object.contentType });
      return res.end(object.body);
    }
    const match = /^\/storage\/v1\/object\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
    if (!match) return send(404, { message: 'not found' });
    if (req.headers.apikey !== options.anonKey)
      return send(401, { statusCode: '401', message: 'Invalid API key' });
    let sub: string;
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      sub = String((await jwtVerify(token, localJwks, { audience: 'authenticated' })).payload.sub);
    } catch {
      return send(400, { statusCode: '403', error: 'Unauthorized', message: 'invalid JWT' });
    }
    const bucket = match[1] as string;
    const allowed = async (path: string) =>
      (await options.ownsFolder?.(sub, path.split('/')[0] ?? '')) ?? true;
    if (req.method === 'POST' && match[2]) {
      const path = decodeURIComponent(match[2]);
      if (!(await allowed(path))) {
        return send(400, {
          statusCode: '403',
          error: 'Unauthorized',
          message: 'new row violates row-level security policy',
        });
      }
      const key = `${bucket}/${path}`;
      if (objects.has(key) && req.headers['x-upsert'] !== 'true') {
        return send(400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      }
      objects.set(key, { contentType: String(req.headers['content-type']), body: await readBody(req) });
      return send(200, { Key: key, Id: randomUUID() });
    }
    if (req.method === 'DELETE' && !match[2]) {
      const { prefixes = [] } = JSON.parse((await readBody(req)).toString() || '{}') as {
        prefixes?: string[];
      };
      const deleted = [];
      for (const p of prefixes)
        if ((await allowed(p)) && objects.delete(`${bucket}/${p}`)) deleted.push({ name: p });
      return send(200, deleted);
    }
    return send(405, { message: 'method not allowed' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Signs an access token like Supabase Auth (override any claim or header to forge a bad one). */
  async function mint(
    claims: Record<string, unknown> & { sub: string },
    opts: {
      key?: 'es' | 'rs' | 'hs' | 'foreign';
      expiresIn?: number;
      issuer?: string;
      audience?: string;
    } = {},
  ): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ role: 'authenticated', ...claims })
      .setIssuer(opts.issuer ?? `${url}/auth/v1`)
      .setAudience(opts.audience ?? 'authenticated')
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.expiresIn ?? 3600));
    const key = opts.key ?? 'es';
    if (key === 'hs') {
      return jwt
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(options.jwtSecret ?? ''));
    }
    if (key === 'foreign') {
      // Right kid, wrong private key: a forged signature.
      const other = await generateKeyPair('ES256');
      return jwt.setProtectedHeader({ alg: 'ES256', kid: 'es-1', typ: 'JWT' }).sign(other.privateKey);
    }
    const pair = key === 'rs' ? rs : es;
    return jwt
      .setProtectedHeader({ alg: key === 'rs' ? 'RS256' : 'ES256', kid: `${key}-1`, typ: 'JWT' })
      .sign(pair.privateKey);
  }

  return {
    url,
    mint,
    objects,
    requests,
    magicLinks,
    /** Registers a password user (its id must be the auth.users row's). */
    addUser(email: string, password: string, id: string) {
      users.set(email.toLowerCase(), { id, password });
    },
    get jwksFetches() {
      return jwksFetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
