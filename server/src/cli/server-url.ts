import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The file, next to `clara.lock`, where a server records the URL it serves (or last served) at. */
export const serverUrlFile = (dataDir: string) => join(dataDir, 'server-url.json');

const recorded = z.object({
  url: z.url(),
  pid: z.number().int().positive(),
  /** Set at a clean shutdown; a crashed server's record has none (its pid is then dead). */
  stopped_at: z.string().optional(),
});

/** Records the running server's URL (and pid) so `clara owner invite` can link to it. */
export function writeServerUrl(dataDir: string, url: string): void {
  write(dataDir, { url, pid: process.pid });
}

/**
 * Marks this process's record stopped at shutdown (another server's is left alone). The URL
 * stays: `clara owner invite` run while the server is stopped links to where it last served,
 * the port of `npm start -- --port N` included.
 */
export function markServerStopped(dataDir: string): void {
  const record = readRecord(dataDir);
  if (record?.pid === process.pid) write(dataDir, { ...record, stopped_at: new Date().toISOString() });
}

function write(dataDir: string, record: z.infer<typeof recorded>): void {
  try {
    writeFileSync(serverUrlFile(dataDir), `${JSON.stringify(record)}\n`, { mode: 0o600 });
  } catch {
    // A read-only data directory only costs the invite command its guess of the port.
  }
}

function readRecord(dataDir: string): z.infer<typeof recorded> | null {
  try {
    const parsed = recorded.safeParse(JSON.parse(readFileSync(serverUrlFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The URL the server of this data directory serves at (`running`), or last served at before
 * it stopped or crashed; null when no server ever recorded one here.
 */
export function readServerUrl(dataDir: string): { url: string; running: boolean } | null {
  const record = readRecord(dataDir);
  if (!record) return null;
  return { url: record.url, running: !record.stopped_at && isAlive(record.pid) };
}
