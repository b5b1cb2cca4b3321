import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Principal, TokenVerifier } from './principal';

/** Claims Clara puts in (and expects from) a session JWT, shaped like Supabase's. */
const claimsSchema = z.object({
  sub: z.uuid(),
  email: z.string().min(3),
  role: z.literal('authenticated'),
});

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
}): SessionTokens {
  const ttlSeconds = options.ttlSeconds ?? 7 * 24 * 3600;
  const now = options.now ?? (() => new Date());
  return {
    ttlSeconds,
    async sign(principal) {
      const iat = Math.floor(now().getTime() / 1000);
      return new SignJWT({ role: 'authenticated', email: principal.email })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(options.secret);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, options.secret, {
          algorithms: ['HS256'],
          issuer,
          audience,
          currentDate: now(),
        });
        const claims = claimsSchema.safeParse(payload);
        return claims.success ? { id: claims.data.sub, email: claims.data.email } : null;
      } catch {
        return null;
      }
    },
  };
}
