import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Principal, TokenVerifier } from './principal';

/** Claims Clara puts in (and expects from) a session JWT, shaped like Supabase's. */
const claimsSchema = z.object({
  sub: z.uuid(),
  email: z.string().min(3),
  role: z.literal('authenticated'),
  /** The server-side session (`auth_sessions.id`) the token belongs to. */
  sid: z.uuid().optional(),
});

/** Server-side sessions: a token is accepted only while its session is active (revocable sign-in). */
export interface SessionRegistry {
  create(userId: string, expiresAt: Date): Promise<string>;
  isActive(sessionId: string, userId: string): Promise<boolean>;
}

export interface SessionTokens extends TokenVerifier {
  /** Signs a session JWT for the owner; it expires after `ttlSeconds`. */
  sign(principal: Principal): Promise<string>;
  readonly ttlSeconds: number;
}

const issuer = 'clara';
const audience = 'authenticated';

/** HS256 session tokens for embedded mode (claims `sub`, `role`, `email`, `aud`, `exp`). */
export function createSessionTokens(options: {
  secret: Uint8Array;
  ttlSeconds?: number;
  now?: () => Date;
  /** With a registry every token names a session row and is refused once that row is revoked. */
  sessions?: SessionRegistry;
}): SessionTokens {
  const ttlSeconds = options.ttlSeconds ?? 7 * 24 * 3600;
  const now = options.now ?? (() => new Date());
  return {
    ttlSeconds,
    async sign(principal) {
      const iat = Math.floor(now().getTime() / 1000);
      const sid = await options.sessions?.create(principal.id, new Date((iat + ttlSeconds) * 1000));
      return new SignJWT({ role: 'authenticated', email: principal.email, ...(sid ? { sid } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(options.secret);
    },
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, options.secret, {
          algorithms: ['HS256'],
          issuer,
          audience,
          currentDate: now(),
        }));
      } catch {
        return null;
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return null;
      const { sub, email, sid } = claims.data;
      // Signed out, signed out everywhere, password changed or reset, or the user deleted: refused.
      // (A database failure here propagates: 503, not a silent sign-out.)
      if (options.sessions && (!sid || !(await options.sessions.isActive(sid, sub)))) return null;
      return { id: sub, email, ...(sid ? { sessionId: sid } : {}) };
    },
  };
}
