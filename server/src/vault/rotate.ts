import { decryptKey, encryptKey } from './cipher';
import { VaultError } from './vault-error';

/** The part of an api_keys row that rotation touches. */
export interface EncryptedRow {
  id: string;
  encrypted_key: string;
}

/**
 * Re-encrypts every row from `oldKey` to `newKey`. All or nothing: every row is decrypted
 * before anything is returned, so one unreadable row fails the whole rotation (the caller
 * writes the result in one transaction).
 */
export function rotateAll<T extends EncryptedRow>(rows: readonly T[], oldKey: Buffer, newKey: Buffer): T[] {
  const plain = rows.map((row) => {
    try {
      return decryptKey(row.encrypted_key, oldKey);
    } catch (error) {
      const reason = error instanceof VaultError ? error.message : 'it could not be read.';
      throw new VaultError(
        error instanceof VaultError ? error.code : 'decrypt_failed',
        `Rotation stopped at key ${row.id}, nothing changed: ${reason}`,
      );
    }
  });
  return rows.map((row, i) => ({ ...row, encrypted_key: encryptKey(plain[i] ?? '', newKey) }));
}
