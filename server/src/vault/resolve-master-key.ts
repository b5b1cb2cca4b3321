import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type LoadedMasterKey,
  type LoadMasterKeyOptions,
  loadOrCreateMasterKey,
  masterKeyFileName,
} from './load-master-key';
import { parseMasterKey } from './master-key';
import { VaultError } from './vault-error';

export interface ResolveMasterKeyOptions extends LoadMasterKeyOptions {
  /** `DATABASE_URL` is set: the key comes from `CLARA_ENCRYPTION_KEY` only, never from a file. */
  production: boolean;
  /** Whether the command seals or opens secrets, or signs sessions and invites (serve, keys, …). */
  needsKey: boolean;
}

/**
 * The master key as a command gets it. Embedded mode: `loadOrCreateMasterKey` (the zero-setup
 * key file in the data directory). With `DATABASE_URL`: `CLARA_ENCRYPTION_KEY`, or, for a
 * command that needs it, a VaultError saying how to make one; a command that needs no key
 * gets `null` and no file is read or written (a key file in whatever folder the command ran
 * from would differ from the other instances' key).
 */
export async function resolveMasterKey(options: ResolveMasterKeyOptions): Promise<LoadedMasterKey | null> {
  const { envKey, production, needsKey, dataDir } = options;
  if (!production) return loadOrCreateMasterKey(options);
  if (envKey !== undefined && envKey.trim() !== '') return { key: parseMasterKey(envKey), source: 'env' };
  if (!needsKey) return null;
  throw new VaultError('master_key_required', missingMasterKeyMessage(dataDir));
}

/** What to do when DATABASE_URL is set without CLARA_ENCRYPTION_KEY (names a key file an earlier Clara left). */
export function missingMasterKeyMessage(dataDir: string): string {
  const earlier = join(dataDir, masterKeyFileName);
  return (
    'CLARA_ENCRYPTION_KEY is required with DATABASE_URL: it encrypts API keys and channel ' +
    'credentials and signs admin sessions, so every instance needs the same one. Generate one ' +
    'with `openssl rand -base64 32` and set CLARA_ENCRYPTION_KEY to it on every instance.' +
    (existsSync(earlier)
      ? ` An earlier Clara generated ${earlier}: if keys were stored with it, use that file's ` +
        `content instead (CLARA_ENCRYPTION_KEY=$(cat ${earlier})).`
      : '')
  );
}
