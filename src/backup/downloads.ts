import type { Db } from '../db/database.js';
import { dumpRunningEmbedded } from './embedded.js';

/** Another backup is being made: one at a time, so a hurried admin cannot stack them up. */
export class BackupBusyError extends Error {}

export interface BackupDownloads {
  /** A SQL backup of the running embedded database, in a temporary file the caller removes with cleanup(). */
  make(): Promise<{ file: string; cleanup: () => void }>;
}

/** The admin's "Download a backup" for an embedded database stored in `dir`: one backup at a time. */
export function createBackupDownloads(db: Db, dir: string): BackupDownloads {
  let busy = false;
  return {
    async make() {
      if (busy) {
        throw new BackupBusyError('a backup is being made');
      }
      busy = true;
      try {
        return await dumpRunningEmbedded(db, dir);
      } finally {
        busy = false;
      }
    },
  };
}
