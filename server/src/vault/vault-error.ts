export type VaultErrorCode =
  | 'invalid_master_key'
  | 'malformed_ciphertext'
  | 'decrypt_failed'
  | 'master_key_file'
  | 'master_key_required';

/** A key-vault failure. Messages never carry key material: neither master key, API key nor ciphertext. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

export function isVaultError(error: unknown): error is VaultError {
  return error instanceof VaultError;
}
