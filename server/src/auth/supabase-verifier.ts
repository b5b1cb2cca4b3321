import { createRemoteJWKSet, decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Principal, TokenVerifier } from './principal';

export interface SupabaseVerifierOptions {
  /** The project URL, e.g. https://abcd.supabase.co (no trailing slash). */
  url: string;
  /** The legacy shared HS256 secret (SUPABASE_JWT_SECRET), if the project still signs with it. */
  jwtSecret?: string | undefined;
  now?: () => Date;
}

// A Supabase access token for a signed-in user (GoTrue's claims).
const claimsSchema = z.object({
  sub: z.uuid(),
  email: z.string().min(3).max(320),
  role: z.literal('authenticated'),
});

const asymmetric = ['RS256', 'ES256', 'EdDSA'];

/**
 * Verifies Supabase Auth access tokens: asymmetric keys from the project's JWKS
 * (`/auth/v1/.well-known/jwks.json`, cached and refetched on an unknown `kid`), or the legacy
 * HS256 secret when configured. Audience `authenticated`, issuer `${url}/auth/v1`; the owner is `sub`.
 */
export function createSupabaseVerifier(options: SupabaseVerifierOptions): TokenVerifier {
  const issuer = `${options.url}/auth/v1`;
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
  });
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;
  const now = options.now ?? (() => new Date());
  return {
    async verify(token) {
      try {
        const { alg } = decodeProtectedHeader(token);
        const common = { issuer, audience: 'authenticated', currentDate: now() };
        const { payload } =
          alg === 'HS256'
            ? secret
              ? await jwtVerify(token, secret, { ...common, algorithms: ['HS256'] })
              : { payload: null }
            : await jwtVerify(token, jwks, { ...common, algorithms: asymmetric });
        const claims = claimsSchema.safeParse(payload);
        return claims.success
          ? ({ id: claims.data.sub, email: claims.data.email } satisfies Principal)
          : null;
      } catch {
        return null;
      }
    },
  };
}
