import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptKey } from './cipher';
import type { VaultLogger } from './load-master-key';
import { masterKeyFileName } from './load-master-key';
import { parseMasterKey } from './master-key';

/** The name `clara keys rotate` gives the new key file before the database commits. */
export const stagedKeyFilePattern = /^master\.key\.new-[0-9a-f]+$/;

function opens(sealed: string, key: Buffer): boolean {
  try {
    decryptKey(sealed, key);
    return true;
  } catch {
    return false;
  }
}

async function stagedKey(path: string): Promise<Buffer | null> {
  try {
    return parseMasterKey(await readFile(path, 'utf8'), path);
  } catch {
    return null;
  }
}

export interface SettleStagedKeyFilesOptions {
  dataDir: string;
  /** The key master.key holds. */
  masterKey: Buffer;
  /** One sealed value from the database (`sampleSealedSecret`), or null when none is stored. */
  sample: () => Promise<string | null>;
  logger: VaultLogger;
}

/**
 * `master.key.new-*` files an interrupted `clara keys rotate` left in the data folder. One the
 * database was never re-sealed under (the current key opens its secrets, or nothing is sealed,
 * or the file is half-written) is removed. One whose key opens the secrets while master.key's
 * does not is the rotation's committed key whose file was not moved: it is kept and a warning
 * names it. Returns the files removed.
 */
export async function settleStagedKeyFiles(options: SettleStagedKeyFilesOptions): Promise<string[]> {
  const { dataDir, masterKey, logger } = options;
  let names: string[];
  try {
    names = (await readdir(dataDir)).filter((name) => stagedKeyFilePattern.test(name));
  } catch {
    return [];
  }
  if (names.length === 0) return [];
  const sealed = await options.sample();
  const currentOpens = sealed === null || opens(sealed, masterKey);
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dataDir, name);
    const key = await stagedKey(path);
    if (key && sealed !== null && !currentOpens && opens(sealed, key)) {
      logger.warn(
        {},
        `The stored keys were re-encrypted under the key in ${path}, but ${join(dataDir, masterKeyFileName)} ` +
          `was not replaced: move ${path} over ${join(dataDir, masterKeyFileName)}, then restart Clara.`,
      );
      continue;
    }
    if (key && !currentOpens) continue; // Neither key opens them: leave the file for the owner to judge.
    await rm(path, { force: true });
    removed.push(path);
  }
  if (removed.length > 0)
    logger.info(
      { files: removed },
      `Removed ${removed.length} staged master key file(s) an interrupted clara keys rotate left; the database never used them.`,
    );
  return removed;
}
