import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { announceChange, type LiveChange } from './live-change.js';

/** The part of this process that caches what the public sees (the live hub), told of its own writes. */
export interface LocalCaches {
  /** Committed changes made by this process, before their NOTIFY comes back. */
  committed(changes: readonly LiveChange[]): void;
}

export type Announce = (change: LiveChange) => Promise<void>;

/**
 * Run a unit of work in one transaction. What it announces reaches every process through NOTIFY
 * on commit — and this process's caches at once after commit, so whoever made a change sees it on
 * the next page (read your own write) without waiting for the notification. Nothing is announced
 * when the transaction rolls back.
 */
export async function transact<T>(
  deps: { db: Db; live?: LocalCaches | undefined },
  work: (trx: Transaction<Database>, announce: Announce) => Promise<T>,
): Promise<T> {
  const changes: LiveChange[] = [];
  const result = await deps.db.transaction().execute((trx) =>
    work(trx, async (change) => {
      changes.push(change);
      await announceChange(trx, change);
    }),
  );
  if (changes.length) {
    deps.live?.committed(changes);
  }
  return result;
}
