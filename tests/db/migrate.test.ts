import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate, MigrationError, readMigrations, type MigrationFile } from '../../src/db/migrate.js';
import { silentLog } from '../../src/log.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const file = (name: string, text: string): MigrationFile => ({ name, sql: text, checksum: `sum-of-${text}` });

describe('migrations', () => {
  it('apply every sql/ file once, in order, and are idempotent', async () => {
    database = await createTestDatabase({ migrate: false });
    const { handle } = database;
    const first = await migrate(handle);
    expect(first).toEqual(readMigrations().map((f) => f.name));
    expect(await migrate(handle)).toEqual([]);
    const tables = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
      handle.db,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'statements',
        'statement_texts',
        'organisations',
        'endorsements',
        'email_outbox',
        'staff_users',
        'staff_sessions',
        'audit_log',
        'rate_limits',
        'settings',
      ]),
    );
  });

  it('refuse to start when an applied file was edited', async () => {
    database = await createTestDatabase({ migrate: false });
    const files = [file('0001_a.sql', 'create table a (x int);')];
    await migrate(database.handle, files);
    await expect(
      migrate(database.handle, [file('0001_a.sql', 'create table a (x bigint);')]),
    ).rejects.toThrow(MigrationError);
    await expect(
      migrate(database.handle, [file('0001_a.sql', 'create table a (x bigint);')]),
    ).rejects.toThrow(/0001_a\.sql was edited/);
  });

  it('roll back a failing file entirely and record nothing for it', async () => {
    database = await createTestDatabase({ migrate: false });
    const files = [
      file('0001_a.sql', 'create table a (x int);'),
      file('0002_b.sql', 'create table b (y int); select * from missing_table;'),
    ];
    await expect(migrate(database.handle, files)).rejects.toThrow();
    const b = await sql<{ t: string | null }>`select to_regclass('b')::text as t`.execute(database.handle.db);
    expect(b.rows[0]?.t).toBeNull();
    const applied = await database.handle.db.selectFrom('schema_migrations').select('name').execute();
    expect(applied.map((r) => r.name)).toEqual(['0001_a.sql']);
  });

  it.runIf(onPostgres)('two processes migrating one database at once do not collide', async () => {
    database = await createTestDatabase({ migrate: false });
    const other = await connectDatabase({ url: database.url, dataDir: '.', log: silentLog });
    try {
      const [a, b] = await Promise.all([migrate(database.handle), migrate(other)]);
      expect([...a, ...b].sort()).toEqual(
        readMigrations()
          .map((f) => f.name)
          .sort(),
      );
    } finally {
      await other.close();
    }
  });

  it('runners started together on one embedded database apply each file once', async () => {
    database = await createTestDatabase({ migrate: false });
    const [a, b] = await Promise.all([migrate(database.handle), migrate(database.handle)]);
    expect([...a, ...b].sort()).toEqual(
      readMigrations()
        .map((f) => f.name)
        .sort(),
    );
  });
});
