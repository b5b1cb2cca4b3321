import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assertMasterKey } from './master-key';
import { VaultError } from './vault-error';

const algorithm = 'aes-256-gcm';
const ivBytes = 12;
const tagBytes = 16;
// The seed's format: iv:authTag:ciphertext, each hex.
const storedPattern = /^([0-9a-f]{24}):([0-9a-f]{32}):((?:[0-9a-f]{2})+)$/i;

/** Encrypts an API key under the master key as `iv:authTag:ciphertext` (hex), with a fresh IV each time. */
export function encryptKey(plaintext: string, masterKey: Buffer): string {
  assertMasterKey(masterKey);
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, masterKey, iv, { authTagLength: tagBytes });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${iv.toString('hex')}:${cipher.getAuthTag().toString('hex')}:${ciphertext.toString('hex')}`;
}

/**
 * Decrypts a stored key. A wrong master key or any changed byte fails authentication and
 * throws VaultError('decrypt_failed'): GCM never hands back garbage.
 */
export function decryptKey(stored: string, masterKey: Buffer): string {
  assertMasterKey(masterKey);
  const match = storedPattern.exec(stored.trim());
  if (!match) {
    throw new VaultError(
      'malformed_ciphertext',
      'The stored API key is not in the iv:authTag:ciphertext format.',
    );
  }
  const [, iv = '', tag = '', ciphertext = ''] = match;
  try {
    const decipher = createDecipheriv(algorithm, masterKey, Buffer.from(iv, 'hex'), {
      authTagLength: tagBytes,
    });
    decipher.setAuthTag(Buffer.from(tag, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'hex')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new VaultError(
      'decrypt_failed',
      'The stored API key could not be decrypted: the master key is wrong or the value was altered.',
    );
  }
}

/** The last four characters of a raw key, for display (`key_last4`). */
export function keyLast4(rawKey: string): string {
  return rawKey.trim().slice(-4);
}
