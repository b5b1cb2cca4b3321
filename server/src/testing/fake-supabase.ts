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
    get jwksFetches() {
      return jwksFetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
