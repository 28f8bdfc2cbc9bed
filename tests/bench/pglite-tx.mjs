// The embedded database's counterpart of pgbench: the statements of submit-tx.sql, in one
// transaction each, run back to back on a PGlite stored on disk like the app's (PGlite has one
// connection, so concurrency is 1 by nature). Usage: node pglite-tx.mjs DATA_DIR SECONDS → JSON.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrate } from '../../dist/db/migrate.js';
import { importStatement } from '../../dist/statements/editor.js';

const [dir, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 5);
const client = await PGlite.create({ dataDir: path.join(dir, 'pglite') });
const db = new Kysely({ dialect: new PGliteDialect(client) });
await migrate({
  db,
  execScript: async (_trx, script) => {
    await client.exec(script);
  },
});
const saved = await importStatement({ db }, new Date(), {
  slug: 'pgl',
  locale: 'en',
  title: 'PGlite baseline',
  body: 'We stand together.',
  open: true,
});
const sid = saved.statementId;
const DATA = JSON.stringify({
  statementTitle: 'PGlite baseline',
  organisation: 'PGlite Union',
  statementUrl: 'http://127.0.0.1/s/pgl',
  confirmUrl: 'http://127.0.0.1/confirm/x.y',
  validFor: '7 days',
  expiresAt: '1 January 2030',
});

let i = 0;
async function once() {
  const n = ++i;
  const name = `pglite union ${n}`;
  const email = `officer-${n}@pglite.example.org`;
  await client.transaction(async (tx) => {
    await tx.query(
      `SELECT e.id FROM endorsements e JOIN organisations o ON o.id = e.organisation_id WHERE e.statement_id = $1 AND o.normalised_name = $2 AND o.country = 'FR' AND e.published_at IS NOT NULL AND e.status IN ('confirmed', 'verified') LIMIT 1`,
      [sid, name],
    );
    await tx.query(
      `SELECT id, resend_count, display_name, email, locale FROM endorsements WHERE statement_id = $1 AND email_normalised = $2 AND status = 'pending' FOR UPDATE`,
      [sid, email],
    );
    const org = await tx.query(
      `INSERT INTO organisations (normalised_name, country, name, created_at) VALUES ($1, 'FR', $2, now()) ON CONFLICT (normalised_name, country) DO NOTHING RETURNING id`,
      [name, name],
    );
    const e = await tx.query(
      `INSERT INTO endorsements (statement_id, organisation_id, display_name, org_type, country, city, members, contact_name, contact_role, email, email_normalised, updates_opt_in, locale, status, ip_hash, created_at, updated_at)
       VALUES ($1, $2, $3, 'union', 'FR', 'Lyon', 1200, 'Officer', 'Secretary', $4, $4, false, 'en', 'pending', 'hash', now(), now()) RETURNING id`,
      [sid, org.rows[0].id, name, email],
    );
    await tx.query(`SELECT locale, title, authoritative FROM statement_texts WHERE statement_id = $1`, [sid]);
    await tx.query(
      `INSERT INTO email_outbox (template, locale, to_address, data, endorsement_id, next_attempt_at, created_at) VALUES ('confirm-endorsement', 'en', $1, $2, $3, now(), now()) RETURNING id`,
      [email, DATA, e.rows[0].id],
    );
    await tx.query(`SELECT pg_notify('undersigned_mail', '')`);
  });
}

const warmEnd = performance.now() + 1000;
while (performance.now() < warmEnd) {
  await once();
}
const start = i;
const t0 = performance.now();
const end = t0 + seconds * 1000;
while (performance.now() < end) {
  await once();
}
const tps = ((i - start) * 1000) / (performance.now() - t0);
await db.destroy();
console.log(JSON.stringify({ tps }));
