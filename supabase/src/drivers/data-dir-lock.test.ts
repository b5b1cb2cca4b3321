import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, lockFileName } from './data-dir-lock';
import { openPglite } from './pglite-driver';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'clara-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real other process, alive until killed. */
async function otherProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}

function procStart(pid: number): string | null {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

const writeLock = (dir: string, pid: number, procStartValue: string | null) =>
  writeFileSync(
    join(dir, lockFileName),
    JSON.stringify({
      pid,
      host: hostname(),
      proc_start: procStartValue,
      started_at: '2026-12-06T20:00:00.000Z',
      command: 'serve',
    }),
  );

describe('embedded data directory lock', () => {
  it('refuses a second opener while the holder lives, naming it and what to do', async () => {
    const dir = tempDir();
    const holder = await otherProcess();
    writeLock(dir, holder.pid ?? 0, procStart(holder.pid ?? 0));
    let error: unknown;
    try {
      acquireDataDirLock(dir, 'workspace create');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'conflict' });
    const message = (error as Error).message;
    expect(message).toContain(`process ${holder.pid} (clara serve`);
    expect(message).toMatch(/Stop that Clara/);
    expect(message).toContain(join(dir, lockFileName));
  });

  it('takes over the lock of a process that died (kill -9) or whose pid was recycled', async () => {
    const dir = tempDir();
    const holder = await otherProcess();
    const pid = holder.pid ?? 0;
    writeLock(dir, pid, procStart(pid));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const lock = acquireDataDirLock(dir, 'serve');
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'serve' });
    lock.release();

    // Same pid alive, but a different process start time: the pid was reused by another program.
    const other = await otherProcess();
    writeLock(dir, other.pid ?? 0, '1');
    acquireDataDirLock(dir, 'serve').release();
  });

  it("another host's lock is held while its heartbeat is fresh, stale after two minutes without one", async () => {
    const { utimesSync } = await import('node:fs');
    const dir = tempDir();
    const path = join(dir, lockFileName);
    writeFileSync(
      path,
      JSON.stringify({ pid: 1, host: 'old-container', proc_start: null, started_at: 'x', command: 'serve' }),
    );
    expect(() => acquireDataDirLock(dir)).toThrow(/process 1 \(clara serve, started x on old-container\)/);
    const old = new Date(Date.now() - 180_000);
    utimesSync(path, old, old);
    acquireDataDirLock(dir).release();
  });

  it('is held by an open embedded database, refused in-process too, and released on close', async () => {
    const dir = tempDir();
    const db = await openPglite({ dataDir: dir, command: 'serve' });
    try {
      expect(JSON.parse(readFileSync(join(dir, lockFileName), 'utf8')).pid).toBe(process.pid);
      await expect(openPglite({ dataDir: dir })).rejects.toMatchObject({ code: 'conflict' });
      await db.query('CREATE TABLE t (x int)');
    } finally {
      await db.close();
    }
    expect(() => statSync(join(dir, lockFileName))).toThrow();
    const again = await openPglite({ dataDir: dir });
    await again.close();
  });

  it('makes the data directory 0700 and its files 0600', async () => {
    const dir = tempDir();
    const db = await openPglite({ dataDir: dir });
    await db.query('CREATE TABLE t (x int)');
    await db.query('INSERT INTO t VALUES (1)');
    await db.close();
    const offenders: string[] = [];
    const { readdirSync } = await import('node:fs');
    const walk = (d: string) => {
      if ((statSync(d).mode & 0o777) !== 0o700)
        offenders.push(`${d} ${(statSync(d).mode & 0o777).toString(8)}`);
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if ((statSync(p).mode & 0o077) !== 0)
          offenders.push(`${p} ${(statSync(p).mode & 0o777).toString(8)}`);
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
  });
});
