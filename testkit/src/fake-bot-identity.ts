import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Claims of a token the Bot Connector service sends to a bot. */
export interface ChannelTokenClaims {
  appId: string;
  serviceUrl: string;
  /** Seconds from now until `exp` (negative: already expired). */
  expiresIn?: number;
  issuer?: string;
}

/**
 * A local stand-in for the Bot Framework's identity endpoints: OpenID metadata and JWKS
 * (tokens signed with a local RSA key) for incoming requests, and an OAuth 2.0 token
 * endpoint that hands bots their outgoing tokens for a registered app id and password.
 */
export interface FakeBotIdentity {
  openIdMetadataUrl: string;
  issuer: string;
  /** `ToChannelFromBotLoginUrl`: the token endpoint is `{loginUrl}/oauth2/v2.0/token`. */
  loginUrl: string;
  /** Lets `appId`/`password` obtain outgoing tokens. */
  registerApp(appId: string, password: string): void;
  /** Access tokens handed out, with the app id each was issued to. */
  issuedTokens: Map<string, string>;
  /** A channel token signed by the published key (or by `key`, e.g. one never published). */
  channelToken(claims: ChannelTokenClaims, key?: KeyObject): string;
  /** A fresh RSA key that is not in the JWKS. */
  unpublishedKey(): KeyObject;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const kid = 'clara-test-key';

function rsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeBotIdentity(): Promise<FakeBotIdentity> {
  const privateKey = rsaKey();
  const jwk = privateKey.export({ format: 'jwk' });
  const apps = new Map<string, string>();
  const issuedTokens = new Map<string, string>();
  let base = '';
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: `${base}/issuer`,
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.method === 'GET' && path === '/keys') {
      // Keys the Bot Connector publishes are endorsed for the channels that may use them.
      return json(200, {
        keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'emulator'] }],
      });
    }
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const appId = form.get('client_id') ?? '';
      if (
        form.get('grant_type') !== 'client_credentials' ||
        !apps.has(appId) ||
        apps.get(appId) !== form.get('client_secret')
      ) {
        return json(401, { error: 'invalid_client' });
      }
      const token = `fake-access-${randomBytes(12).toString('hex')}`;
      issuedTokens.set(token, appId);
      return json(200, { token_type: 'Bearer', access_token: token, expires_in: 3600 });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;
  return {
    openIdMetadataUrl: `${base}/.well-known/openid-configuration`,
    issuer,
    loginUrl: `${base}/botframework.com`,
    registerApp: (appId, password) => apps.set(appId, password),
    issuedTokens,
    channelToken(claims, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = b64url(
        JSON.stringify({
          iss: claims.issuer ?? issuer,
          aud: claims.appId,
          serviceurl: claims.serviceUrl,
          iat: now - 60,
          nbf: now - 60,
          exp: now + (claims.expiresIn ?? 3600),
        }),
      );
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    unpublishedKey: rsaKey,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
