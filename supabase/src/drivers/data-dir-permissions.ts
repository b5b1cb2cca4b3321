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
  // A file this user does not own (a volume prepared by another user) cannot be changed: it is
  // left as it is rather than refusing to start; the folder's own mode is what keeps others out.
  const chmod = (path: string, mode: number) => {
    try {
      chmodSync(path, mode);
    } catch {}
  };
  const walk = (dir: string) => {
    chmod(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) chmod(path, 0o600);
    }
  };
  walk(dataDir);
}
