import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../faults/harness.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

/** What any other process sees of a session lock: its holder's backend, or nothing. */
async function holders(database: TestDatabase, key: number): Promise<number[]> {
  const r = await sql<{ pid: number }>`
    select pid from pg_locks
     where locktype = 'advisory' and granted and classid = 42::oid and objid = ${key}::oid and objsubid = 2`.execute(
    database.handle.db,
  );
  return r.rows.map((row) => row.pid);
}

describe('a session lock held for the life of a process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('is visible to every session in pg_locks while held, and gone once released', async () => {
    const lock = await database.handle.holdSessionLock(42, 7);
    expect(lock.held()).toBe(true);
    expect(await holders(database, 7)).toHaveLength(1);
    await lock.release();
    expect(lock.held()).toBe(false);
    expect(await holders(database, 7)).toEqual([]);
  });

  // PGlite has one session and no connection to lose.
  it.runIf(onPostgres)('is taken again after its connection is lost', async () => {
    const lock = await database.handle.holdSessionLock(42, 8);
    const [before] = await holders(database, 8);
    expect(before).toBeDefined();
    await sql`select pg_terminate_backend(${before!})`.execute(database.handle.db);
    await waitFor(
      async () => lock.held() && (await holders(database, 8)).some((pid) => pid !== before),
      10_000,
      () => 'the lock was not taken again',
    );
    expect(await holders(database, 8)).toHaveLength(1);
    await lock.release();
    expect(await holders(database, 8)).toEqual([]);
  });
});
