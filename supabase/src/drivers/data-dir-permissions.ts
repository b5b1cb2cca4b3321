import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes an embedded data directory private to its owner: the folder and every folder in it
 * 0700, every file 0600 (the database, the master key, uploads), and this process's umask
 * 077 for the files Clara itself writes there later.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; the walk below still fixes what exists.
  }
  const walk = (dir: string) => {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) chmodSync(path, 0o600);
    }
  };
  walk(dataDir);
}
