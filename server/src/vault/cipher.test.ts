import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptKey, encryptKey, keyLast4 } from './cipher';
import { rotateAll } from './rotate';
import { VaultError } from './vault-error';

const master = randomBytes(32);
const rawKey = 'sk-proj-THIS-IS-SECRET-abcdefghijklmnop-9z8y';

function thrown(fn: () => unknown): VaultError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    return error as VaultError;
  }
  throw new Error('expected a VaultError');
}

const flip = (hex: string, at: number) =>
  hex.slice(0, at) + (Number.parseInt(hex[at] ?? '0', 16) ^ 1).toString(16) + hex.slice(at + 1);

describe('encryptKey / decryptKey', () => {
  it('round-trips, in the seed format, with a fresh IV each time', () => {
    const a = encryptKey(rawKey, master);
    const b = encryptKey(rawKey, master);
    expect(a).toMatch(/^[0-9a-f]{24}:[0-9a-f]{32}:[0-9a-f]+$/);
    expect(a).not.toBe(b);
    expect(a.split(':')[0]).not.toBe(b.split(':')[0]);
    expect(a).not.toContain(rawKey);
    expect(decryptKey(a, master)).toBe(rawKey);
    expect(decryptKey(encryptKey('clé-ünïcødé-✓', master), master)).toBe('clé-ünïcødé-✓');
  });

  it.each([
    ['iv', 0],
    ['auth tag', 1],
    ['ciphertext', 2],
  ])('detects a changed %s', (_part, index) => {
    const parts = encryptKey(rawKey, master).split(':');
    parts[index] = flip(parts[index] ?? '', 3);
    const error = thrown(() => decryptKey(parts.join(':'), master));
    expect(error.code).toBe('decrypt_failed');
  });

  it('refuses a wrong master key with a clear error, never garbage', () => {
    const stored = encryptKey(rawKey, master);
    const error = thrown(() => decryptKey(stored, randomBytes(32)));
    expect(error.code).toBe('decrypt_failed');
    expect(error.message).toMatch(/master key is wrong or the value was altered/);
  });

  it('refuses malformed values and bad master keys', () => {
    expect(thrown(() => decryptKey('not-a-key', master)).code).toBe('malformed_ciphertext');
    expect(thrown(() => decryptKey('ab:cd:ef', master)).code).toBe('malformed_ciphertext');
    expect(thrown(() => encryptKey(rawKey, randomBytes(16))).code).toBe('invalid_master_key');
  });

  it('puts no key material in any error', () => {
    const stored = encryptKey(rawKey, master);
    const errors = [
      thrown(() => decryptKey(stored, randomBytes(32))),
      thrown(() => decryptKey(`${stored}zz`, master)),
      thrown(() => rotateAll([{ id: 'k1', encrypted_key: stored }], randomBytes(32), master)),
    ];
    for (const error of errors) {
      const text = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
      expect(text).not.toContain(rawKey);
      expect(text).not.toContain(stored.split(':')[2] ?? '');
      expect(text).not.toContain(master.toString('hex'));
    }
  });

  it('keeps the last four characters for display', () => {
    expect(keyLast4(rawKey)).toBe('9z8y');
    expect(keyLast4('  sk-abcd1234\n')).toBe('1234');
  });
});

describe('rotateAll', () => {
  it('re-encrypts every row under the new key and keeps the other columns', () => {
    const next = randomBytes(32);
    const rows = [
      { id: 'k1', workspace_id: 'w1', encrypted_key: encryptKey('sk-one', master) },
      { id: 'k2', workspace_id: 'w1', encrypted_key: encryptKey('sk-ant-two', master) },
    ];
    const rotated = rotateAll(rows, master, next);
    expect(rotated.map((r) => decryptKey(r.encrypted_key, next))).toEqual(['sk-one', 'sk-ant-two']);
    expect(rotated.map((r) => r.workspace_id)).toEqual(['w1', 'w1']);
    expect(() => decryptKey(rotated[0]?.encrypted_key ?? '', master)).toThrow(VaultError);
    expect(decryptKey(rows[0]?.encrypted_key ?? '', master)).toBe('sk-one');
  });

  it('fails whole, naming the row, when one key cannot be read', () => {
    const rows = [
      { id: 'k1', encrypted_key: encryptKey('sk-one', master) },
      { id: 'k2', encrypted_key: encryptKey('sk-two', randomBytes(32)) },
    ];
    const error = thrown(() => rotateAll(rows, master, randomBytes(32)));
    expect(error.code).toBe('decrypt_failed');
    expect(error.message).toContain('k2');
  });
});
