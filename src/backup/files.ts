import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** What a backup file holds, told by its first bytes: pg_dump's custom format, or SQL text (gzipped or not). */
export type BackupFormat = 'custom' | 'sql';

/** Read the first bytes of a backup to tell its format, before anything is changed. */
export function backupFormat(file: string): BackupFormat {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP' ? 'custom' : 'sql';
  } finally {
    fs.closeSync(fd);
  }
}

/** The SQL text of a plain backup, gunzipped when it is gzip (the admin download is). */
export function readSqlBackup(file: string): string {
  const bytes = fs.readFileSync(file);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * Write a backup next to its final name and rename it into place when complete, so a backup that
 * failed half-way never sits under a name that looks like a good one.
 */
export async function writeAtomically(
  file: string,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
