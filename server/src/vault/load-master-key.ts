import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@clara/core';
import { generateMasterKey, parseMasterKey } from './master-key';
import { VaultError } from './vault-error';

/** The logger calls the vault makes (Clara's one `Logger`). */
export type VaultLogger = Pick<Logger, 'info' | 'warn'>;

export interface LoadMasterKeyOptions {
  /** Where embedded mode keeps its data; the generated key goes to `<dataDir>/master.key`. */
  dataDir: string;
  /** `CLARA_ENCRYPTION_KEY` as read by the composition root; wins over the file. */
  envKey?: string | undefined;
  logger: VaultLogger;
  /**
   * Whether the database already holds values sealed under a master key. When it does and
   * `master.key` is missing, no new key is generated (it would open none of them and seal new
   * secrets under a second key): a VaultError says to restore the file or set the variable.
   */
  hasSealedSecrets?: (() => Promise<boolean>) | undefined;
}

export interface LoadedMasterKey {
  key: Buffer;
  source: 'env' | 'file' | 'generated';
  path?: string | undefined;
}

export const masterKeyFileName = 'master.key';

async function readKeyFile(path: string, logger: VaultLogger): Promise<Buffer> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    await chmod(path, 0o600);
    logger.warn({}, `The master key file ${path} was readable by others; its mode is now 0600.`);
  }
  return parseMasterKey(await readFile(path, 'utf8'), path);
}

/**
 * The master key for the key vault: `CLARA_ENCRYPTION_KEY` when set, else (embedded mode)
 * `<dataDir>/master.key`, generated with mode 0600 on first start. Logs where the key came
 * from, never the key.
 */
export async function loadOrCreateMasterKey(options: LoadMasterKeyOptions): Promise<LoadedMasterKey> {
  const { dataDir, envKey, logger } = options;
  if (envKey !== undefined && envKey.trim() !== '') {
    return { key: parseMasterKey(envKey), source: 'env' };
  }
  const path = join(dataDir, masterKeyFileName);
  try {
    return { key: await readKeyFile(path, logger), source: 'file', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (error instanceof VaultError) throw error;
      throw new VaultError('master_key_file', `Could not read the master key file ${path}.`);
    }
  }
  if (await options.hasSealedSecrets?.()) {
    throw new VaultError(
      'master_key_file',
      `The master key file ${path} is missing, but the database holds API keys or channel ` +
        'credentials sealed with it: a new key would open none of them, so none was generated. ' +
        `Restore your backup of master.key to ${path}, or set CLARA_ENCRYPTION_KEY to the key it held.`,
    );
  }
  const key = generateMasterKey();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once cannot overwrite each other's key.
    await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { key: await readKeyFile(path, logger), source: 'file', path };
    }
    throw new VaultError('master_key_file', `Could not write the master key file ${path}.`);
  }
  await chmod(path, 0o600);
  logger.warn(
    {},
    `CLARA_ENCRYPTION_KEY is not set: generated a new master key in ${path} (mode 0600). ` +
      'Back this file up: without it the stored API keys cannot be decrypted.',
  );
  return { key, source: 'generated', path };
}
