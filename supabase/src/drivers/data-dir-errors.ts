import { ClaraError } from '@clara/core';

/**
 * A file-system failure preparing the embedded data folder (creating it, writing its lock) as one
 * plain sentence naming the folder and what to do, instead of an errno and a stack; null for an
 * error that is not one of these.
 */
export function dataDirError(dataDir: string, error: unknown): ClaraError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const say = (message: string) => new ClaraError('unavailable', message, { cause: error });
  switch (code) {
    case 'EROFS':
      return say(
        `The data folder ${dataDir} is on a read-only file system, and Clara keeps its database there. ` +
          'Set CLARA_DATA_DIR to a writable folder, or make that one writable.',
      );
    case 'EACCES':
    case 'EPERM':
      return say(
        `Clara may not write to the data folder ${dataDir} (permission denied for this user). ` +
          'Make it writable by the user running Clara, or set CLARA_DATA_DIR to a folder it can write.',
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return say(
        `The data folder ${dataDir} cannot be created: part of that path is a file, not a folder. ` +
          'Set CLARA_DATA_DIR to a folder.',
      );
    case 'ENOSPC':
      return say(`The disk holding the data folder ${dataDir} is full. Free some space, then try again.`);
    default:
      return null;
  }
}
