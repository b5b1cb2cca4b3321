import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The file, next to `clara.lock`, where a running server records the URL it serves at. */
export const serverUrlFile = (dataDir: string) => join(dataDir, 'server-url.json');

const recorded = z.object({ url: z.url(), pid: z.number().int().positive() });

/** Records the running server's URL (and pid) so `clara owner invite` can link to it. */
export function writeServerUrl(dataDir: string, url: string): void {
  try {
    writeFileSync(serverUrlFile(dataDir), `${JSON.stringify({ url, pid: process.pid })}\n`, { mode: 0o600 });
  } catch {
    // A read-only data directory only costs the invite command its guess of the port.
  }
}

/** Removes the record at shutdown (only this process's own). */
export function removeServerUrl(dataDir: string): void {
  if (readRecord(dataDir)?.pid === process.pid) rmSync(serverUrlFile(dataDir), { force: true });
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

/** The URL of the server running on this data directory, or null when none is (or it crashed). */
export function readServerUrl(dataDir: string): string | null {
  const record = readRecord(dataDir);
  return record && isAlive(record.pid) ? record.url : null;
}
