import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/** Lock files this process wrote: a lock naming our own pid is ours only if it is in here (in a container every start is pid 1). */
const heldByUs = new Set<string>();

/**
 * The embedded database belongs to one process at a time (README "Endorsing a statement"): a second opener would
 * corrupt it. A lock file holds the owner's pid; a stale one (dead pid) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), 'undersigned.lock');
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      heldByUs.add(file);
      let released = false;
      const release = () => {
        if (released) {
          return;
        }
        released = true;
        heldByUs.delete(file);
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) {
            fs.unlinkSync(file);
          }
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      const ours = holder === process.pid && heldByUs.has(file);
      if (Number.isInteger(holder) && holder > 0 && (ours || (holder !== process.pid && isAlive(holder)))) {
        throw new DataDirLockedError(
          `The embedded database in ${path.resolve(dataDir)} is in use by process ${holder}. ` +
            `Stop that process first, or use DATABASE_URL=postgres://… to share a PostgreSQL server.`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
