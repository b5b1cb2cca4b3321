import { hkdfSync } from 'node:crypto';

/**
 * Derives the HS256 signing secret for admin sessions (and the CSRF HMAC) from the vault's
 * master key, so every instance that shares CLARA_ENCRYPTION_KEY accepts the same sessions
 * and no second secret has to be stored. Rotating the master key signs everyone out.
 */
export function deriveSessionSecret(masterKey: Buffer, purpose: 'session' | 'csrf' | 'invite'): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterKey, 'clara-admin', `clara ${purpose} v1`, 32));
}
