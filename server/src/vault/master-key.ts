import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { VaultError } from './vault-error';

export const masterKeyBytes = 32;

const hexPattern = /^[0-9a-fA-F]{64}$/;
const base64Pattern = /^[A-Za-z0-9+/_-]{43}=?$/;

function decode(value: string): Buffer | null {
  if (hexPattern.test(value)) return Buffer.from(value, 'hex');
  if (!base64Pattern.test(value)) return null;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === masterKeyBytes ? bytes : null;
}

/** `CLARA_ENCRYPTION_KEY`: 32 bytes written as 64 hex characters or as base64 (standard or URL-safe). */
export const masterKeySchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const bytes = decode(value);
    if (bytes) return bytes;
    ctx.addIssue({
      code: 'custom',
      message: 'must be 32 bytes, written as 64 hex characters or as base64',
      // The value itself is never put in the issue.
      input: undefined,
    });
    return z.NEVER;
  });

/** Parses a master key, throwing a VaultError that names the problem but not the value. */
export function parseMasterKey(value: string, source = 'CLARA_ENCRYPTION_KEY'): Buffer {
  const parsed = masterKeySchema.safeParse(value);
  if (!parsed.success) {
    throw new VaultError(
      'invalid_master_key',
      `${source} ${parsed.error.issues[0]?.message ?? 'is invalid'}.`,
    );
  }
  return parsed.data;
}

/** A fresh random master key. */
export function generateMasterKey(): Buffer {
  return randomBytes(masterKeyBytes);
}

/** Throws unless `key` is a usable AES-256 key. */
export function assertMasterKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== masterKeyBytes) {
    throw new VaultError('invalid_master_key', `The master key must be ${masterKeyBytes} bytes.`);
  }
}
