import { statfs } from 'node:fs/promises';
import { ClaraError, type Logger } from '@clara/core';

/**
 * Free space the embedded database's folder must keep before Clara starts a write. PGlite writes
 * its WAL in 16 MB segments and a checkpoint or a large import can need several at once; when a
 * segment cannot be written PGlite spins at full CPU instead of failing (no log, /healthz dead,
 * only kill -9 helps). 64 MB is four segments: refusing below it keeps Clara out of that state.
 */
export const minFreeDiskBytes = 64 * 1024 * 1024;

/** How often a serving process looks at the free space to warn while it is low. */
export const diskSpaceCheckIntervalMs = 5 * 60_000;

/** Reads the bytes an unprivileged process may still write in a folder. */
export type FreeSpaceReader = (dir: string) => Promise<number>;

/** `fs.statfs`: available blocks (as the process's user) times the block size. */
export const readFreeBytes: FreeSpaceReader = async (dir) => {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
};

/** The embedded database's free-space guard (a no-op with DATABASE_URL: Postgres fails cleanly). */
export interface DiskSpace {
  /**
   * Throws `insufficient_storage` (507) when the data folder has less than `minFreeDiskBytes`
   * free. `operator`: the message names the folder and the figures (the CLI); else it says only
   * that nothing can be saved (an HTTP caller may be a visitor).
   */
  assertRoom(operator?: boolean): Promise<void>;
  /** Warns now and every `diskSpaceCheckIntervalMs` while space is low (a serving process). */
  start(): void;
  stop(): void;
}

export interface DiskSpaceOptions {
  /** The embedded data folder; null with DATABASE_URL (nothing to check). */
  dataDir: string | null;
  logger: Pick<Logger, 'warn'>;
  read?: FreeSpaceReader | undefined;
  minFreeBytes?: number | undefined;
}

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

/** Builds the guard for a data folder. */
export function createDiskSpace(options: DiskSpaceOptions): DiskSpace {
  const { dataDir, logger } = options;
  const read = options.read ?? readFreeBytes;
  const min = options.minFreeBytes ?? minFreeDiskBytes;
  let timer: NodeJS.Timeout | undefined;

  /** Free bytes, or null when they cannot be read (then nothing is refused). */
  async function free(): Promise<number | null> {
    if (!dataDir) return null;
    try {
      return await read(dataDir);
    } catch {
      return null;
    }
  }
  const lowMessage = (bytes: number) =>
    `The disk holding the data folder ${dataDir} has ${megabytes(bytes)} MB free; Clara needs at ` +
    `least ${megabytes(min)} MB to write safely.`;

  async function warnIfLow(): Promise<void> {
    const bytes = await free();
    if (bytes !== null && bytes < min)
      logger.warn(
        { free_bytes: bytes, min_free_bytes: min },
        `${lowMessage(bytes)} Imports, edits and new chat turns are refused until space is freed.`,
      );
  }

  return {
    async assertRoom(operator = false) {
      const bytes = await free();
      if (bytes === null || bytes >= min) return;
      throw new ClaraError(
        'insufficient_storage',
        operator
          ? `${lowMessage(bytes)} Nothing was changed: free some space on that disk, then run the command again.`
          : 'The server is almost out of disk space, so nothing new can be saved right now. ' +
              'Ask whoever runs Clara to free some space, then try again.',
        { cause: new Error(lowMessage(bytes)) },
      );
    },
    start() {
      if (!dataDir || timer) return;
      void warnIfLow();
      timer = setInterval(() => void warnIfLow(), diskSpaceCheckIntervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
