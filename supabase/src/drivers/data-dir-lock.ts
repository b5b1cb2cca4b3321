import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ClaraError } from '@clara/core';
import { dataDirError } from './data-dir-errors';

/** The lock file every process opening an embedded data directory creates first. */
export const lockFileName = 'clara.lock';

interface LockInfo {
  pid: number;
  host: string;
  /** Linux: the process's start time (clock ticks since boot), so a recycled pid is not mistaken for the holder. */
  proc_start: string | null;
  started_at: string;
  command: string;
}

function isLockInfo(value: unknown): value is LockInfo {
  const v = value as Partial<LockInfo> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(v.pid) &&
    (v.pid ?? 0) > 0 &&
    typeof v.host === 'string' &&
    (v.proc_start === null || typeof v.proc_start === 'string') &&
    typeof v.started_at === 'string' &&
    typeof v.command === 'string'
  );
}

/** A held data-directory lock; `release()` is idempotent. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

// Locks this process holds: a second open of the same directory in-process is refused too.
const held = new Set<string>();

function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after the ")" that closes the command name start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

// The holder touches its lock this often; another host's lock untouched for `foreignStaleMs` is stale.
const heartbeatMs = 15_000;
const foreignStaleMs = 120_000;

function isAlive(info: LockInfo, path: string): boolean {
  if (info.host !== hostname()) {
    // Another machine or container (a volume shared, or a container recreated under a new
    // hostname): its pid means nothing here, so the holder's heartbeat decides.
    try {
      return Date.now() - statSync(path).mtimeMs < foreignStaleMs;
    } catch {
      return false;
    }
  }
  if (info.pid === process.pid) return false; // our own pid from a previous life (e.g. pid 1 in a container)
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = procStart(info.pid);
  return info.proc_start === null || now === null || now === info.proc_start;
}

function readLock(path: string): LockInfo | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isLockInfo(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function heldMessage(dataDir: string, path: string, info: LockInfo | null): string {
  const who = info
    ? `process ${info.pid} (clara ${info.command}, started ${info.started_at}${info.host !== hostname() ? ` on ${info.host}` : ''})`
    : 'another process';
  return (
    `The embedded database in ${dataDir} is in use by ${who}. Only one process may open it at a time. ` +
    'Stop that Clara (Ctrl-C in its terminal, or kill ' +
    `${info?.pid ?? '<pid>'}) and run this command again, or use the running server's admin app / API. ` +
    `If no Clara is running, delete ${path}.`
  );
}

/**
 * Makes this process the one writer of an embedded data directory (PGlite has no
 * multi-process locking: a second process would write beside the first and one of them
 * would lose its changes). Creates `clara.lock` atomically with the holder's pid; a lock
 * whose process is gone (kill -9, crash) is taken over. Throws `conflict` naming the holder.
 */
export function acquireDataDirLock(dataDir: string, command = 'clara'): DataDirLock {
  const path = join(dataDir, lockFileName);
  if (held.has(path)) {
    throw new ClaraError('conflict', `The embedded database in ${dataDir} is already open in this process.`);
  }
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    proc_start: procStart(process.pid),
    started_at: new Date().toISOString(),
    command,
  };
  const body = `${JSON.stringify(info)}\n`;
  // Written whole to a private name, then linked: nobody ever reads a half-written lock.
  const temp = join(dataDir, `.clara.lock.${process.pid}.${Date.now()}`);
  try {
    writeFileSync(temp, body, { mode: 0o600 });
  } catch (error) {
    // A read-only or foreign folder: one plain sentence naming it, not an errno and a stack.
    throw dataDirError(dataDir, error) ?? error;
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const existing = readLock(path);
      if (attempt > 2 || (existing && isAlive(existing, path))) {
        throw new ClaraError('conflict', heldMessage(dataDir, path, existing), {
          details: existing ? { pid: existing.pid, started_at: existing.started_at } : undefined,
        });
      }
      // The holder is gone (or the file is unreadable garbage from a crash mid-write): take over.
      try {
        unlinkSync(path);
      } catch {}
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {}
  }
  held.add(path);
  // Same host: the pid decides (a long WASM call may block this timer). Other hosts read the heartbeat.
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {}
  }, heartbeatMs);
  heartbeat.unref();
  const release = () => {
    if (!held.delete(path)) return;
    clearInterval(heartbeat);
    process.off('exit', release);
    // Only remove the file if it is still ours.
    if (readLock(path)?.pid === process.pid) {
      try {
        unlinkSync(path);
      } catch {}
    }
  };
  process.on('exit', release);
  return { path, release };
}
