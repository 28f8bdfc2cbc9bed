import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/migrate.js';
import { loadTemplates, type MailData } from '../../src/mail/templates.js';
import { importStatement } from '../../src/statements/editor.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const now = new Date('2026-01-15T10:00:00Z');
const before = {
  title: 'Care <work>',
  organisation: 'Hospital Workers Union',
  statement_url: 'http://localhost:3000/s/care',
};

describe('sql/0009_email_data_keys.sql', () => {
  it('renames the old keys of mail queued or being sent, which then renders; sent mail stays as it was', async () => {
    const { db } = database.handle;
    const statement = (slug: string, publishOn: 'confirmed' | 'verified') =>
      importStatement({ db }, now, { slug, locale: 'en', title: slug, body: 'x', publishOn, open: true });
    const atOnce = await statement('at-once', 'confirmed');
    const checked = await statement('checked', 'verified');
    const listedId = await insertEndorsement(db, atOnce.statementId, { status: 'confirmed', locale: 'fr' });
    const checkedId = await insertEndorsement(db, checked.statementId, { status: 'confirmed' });

    // Rows as the previous version queued them.
    const queue = (
      template: string,
      locale: string,
      status: string,
      data: object,
      endorsementId: number | null,
    ) =>
      db
        .insertInto('email_outbox')
        .values({
          template,
          locale,
          to_address: 'officer@union.example.org',
          data: JSON.stringify(data),
          endorsement_id: endorsementId,
          status: status as 'queued',
          next_attempt_at: now,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    const confirm = await queue(
      'confirm-endorsement',
      'en',
      'queued',
      {
        ...before,
        confirm_url: 'http://localhost:3000/confirm/abc.def',
        valid_for: '7 days',
        expires_at: 'January 22, 2026 at 10:00 UTC',
      },
      checkedId,
    );
    const withdraw_url = 'http://localhost:3000/withdraw/abc.def';
    const listed = await queue(
      'endorsement-confirmed',
      'fr',
      'queued',
      {
        ...before,
        next_step: 'Votre organisation figure désormais dans la liste des signataires.',
        withdraw_url,
      },
      listedId,
    );
    const toCheck = await queue(
      'endorsement-confirmed',
      'en',
      'sending',
      {
        ...before,
        next_step:
          'The organisers will check it before your organisation appears on the list. We will write to you when it is published.',
        withdraw_url,
      },
      checkedId,
    );
    const already = await queue('endorsement-already-listed', 'en', 'queued', before, null);
    const sent = await queue('endorsement-withdrawn', 'en', 'sent', before, checkedId);
    const current = {
      organisation: 'Hospital Workers Union',
      statementTitle: 'Care <work>',
      statementUrl: 'http://localhost:3000/s/care?lang=en',
      withdrawUrl: withdraw_url,
    };
    const published = await queue('endorsement-published', 'en', 'queued', current, checkedId);

    const migration = readMigrations().find((f) => f.name === '0009_email_data_keys.sql');
    expect(migration).toBeDefined();
    await database.handle.execScript(db, migration!.sql);

    const rows = new Map(
      (await db.selectFrom('email_outbox').selectAll().execute()).map((r) => [r.id, r.data as MailData]),
    );
    const renamed = {
      statementTitle: 'Care <work>',
      organisation: 'Hospital Workers Union',
      statementUrl: 'http://localhost:3000/s/care',
    };
    expect(rows.get(confirm)).toEqual({
      ...renamed,
      confirmUrl: 'http://localhost:3000/confirm/abc.def',
      validFor: '7 days',
      expiresAt: 'January 22, 2026 at 10:00 UTC',
    });
    expect(rows.get(listed)).toEqual({ ...renamed, listed: true, withdrawUrl: withdraw_url });
    expect(rows.get(toCheck)).toEqual({ ...renamed, listed: false, withdrawUrl: withdraw_url });
    expect(rows.get(already)).toEqual(renamed);
    expect(rows.get(sent)).toEqual(before);
    expect(rows.get(published)).toEqual(current);

    // What the worker will now send from those rows.
    const templates = loadTemplates();
    const render = (id: number, template: string, locale: string) =>
      templates.render(template, locale, rows.get(id)!);
    expect(render(confirm, 'confirm-endorsement', 'en').text).toContain(
      'The link is valid for 7 days (until January 22, 2026 at 10:00 UTC).',
    );
    expect(render(listed, 'endorsement-confirmed', 'fr').text).toContain(
      'Votre organisation figure désormais dans la liste des signataires.',
    );
    expect(render(toCheck, 'endorsement-confirmed', 'en').text).toContain(
      'The organisers will check your endorsement before your organisation appears on the list.',
    );
    expect(render(already, 'endorsement-already-listed', 'en').subject).toBe(
      'Already on the list: “Care <work>”',
    );
    expect(render(published, 'endorsement-published', 'en').text).toContain(withdraw_url);

    // Run again (it is a plain UPDATE): nothing left to rename, nothing changes.
    await database.handle.execScript(db, migration!.sql);
    const again = await db.selectFrom('email_outbox').selectAll().execute();
    expect(new Map(again.map((r) => [r.id, r.data]))).toEqual(rows);
  });
});
