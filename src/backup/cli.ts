import fs from 'node:fs';
import { CliError, type CliCommand } from '../cli-types.js';
import { BackupError, backupDatabase, restoreDatabase } from './backup.js';

/** Exactly one FILE argument, or a usage line. */
function fileArg(command: string, args: string[]): string {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    throw new CliError(`${command}: give exactly one FILE\nUsage: npm run cli -- ${command} FILE`);
  }
  return args[0]!;
}

const megabytes = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;

/** `backup FILE`: the whole database into FILE (README "Operating": backups and their schedule). */
export const backupCommand: CliCommand = async (args, { handle, out }) => {
  const file = fileArg('backup', args);
  const started = Date.now();
  try {
    const format = await backupDatabase(handle, file);
    out(
      `Backup written: ${file} (${megabytes(file)}, ${format === 'sql' ? 'SQL from the embedded database' : 'pg_dump custom format'}, ${((Date.now() - started) / 1000).toFixed(1)} s). ` +
        'It holds personal data: keep it as private as the database.',
    );
  } catch (err) {
    throw err instanceof BackupError ? new CliError(err.message) : err;
  }
};

/** `restore FILE`: a backup into a new, empty database; refuses any other. */
export const restoreCommand: CliCommand = async (args, { handle, out }) => {
  const file = fileArg('restore', args);
  const started = Date.now();
  try {
    await restoreDatabase(handle, file);
  } catch (err) {
    throw err instanceof BackupError ? new CliError(err.message) : err;
  }
  out(
    `Restored ${file} (${((Date.now() - started) / 1000).toFixed(1)} s). Start the server on this database as usual (it applies newer migrations). ` +
      'Links in emails sent before the backup work only with the same SECRET (or a copy of the old DATA_DIR/secret).',
  );
};
