// Seeds a benchmark database through the app's own code (dist/): migrations, one open statement
// saved as the CLI would, then N published signatories and a few confirmed endorsements waiting
// for verification, in bulk SQL. Env: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded).
// Prints one JSON line: { statementId, slug, toVerify: [ids] }.
import { sql } from 'kysely';
import { connectDatabase } from '../../dist/db/connect.js';
import { migrate } from '../../dist/db/migrate.js';
import { importStatement } from '../../dist/statements/editor.js';
import { announceChange } from '../../dist/changes/live-change.js';

const SLUG = process.env.BENCH_SLUG ?? 'bench';
const N = Number(process.env.SIGNATORIES ?? 10_000);
// Confirmed endorsements left for the SSE benchmarks to verify (fan-out: 4, through nginx: 1, spare: 1).
const CONFIRMED = 6;
// Organisation names are per statement, so several statements can be seeded into one database.
const PREFIX = `${SLUG} union `;
const COUNTRIES = [
  'FR',
  'DE',
  'ES',
  'IT',
  'PT',
  'GB',
  'BE',
  'NL',
  'SE',
  'PL',
  'BR',
  'AR',
  'MX',
  'US',
  'CA',
  'MA',
  'TN',
  'SN',
  'ZA',
  'IN',
  'JP',
  'KR',
  'AU',
  'CH',
  'AT',
  'IE',
  'GR',
  'TR',
  'EG',
  'CL',
];
const TYPES = ['union', 'federation', 'union_branch', 'association', 'political', 'other'];
const log = {
  debug() {},
  info() {},
  warn: (...a) => console.error(...a),
  error: (...a) => console.error(...a),
};

const BODY = `We, the undersigned organisations, stand together.

${Array.from({ length: 12 }, (_, i) => `${i + 1}. A paragraph of the statement, long enough to look like a real text that people read before they sign it, with **emphasis** and a [link](https://example.org/${i}).`).join('\n\n')}
`;

const handle = await connectDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ?? './data',
  log,
});
try {
  await migrate(handle);
  const now = new Date();
  const saved = await importStatement({ db: handle.db }, now, {
    slug: SLUG,
    locale: 'en',
    title: 'Benchmark statement: solidarity across borders',
    body: BODY,
    open: true,
    publishOn: 'verified',
  });
  const sid = saved.statementId;
  const countries = sql.raw(`array[${COUNTRIES.map((c) => `'${c}'`).join(',')}]`);
  const types = sql.raw(`array[${TYPES.map((c) => `'${c}'`).join(',')}]`);
  await sql`
    insert into organisations (normalised_name, country, name, created_at)
    select ${PREFIX}::text || g, (${countries})[1 + g % ${COUNTRIES.length}], 'Bench Union ' || g, now()
      from generate_series(1, ${N + CONFIRMED}) g`.execute(handle.db);
  // N verified (public), the last CONFIRMED confirmed: the SSE benchmarks verify those.
  await sql`
    insert into endorsements (statement_id, organisation_id, display_name, org_type, country, city, members,
                              contact_name, email, email_normalised, locale, status, text_version,
                              created_at, confirmed_at, verified_at, published_at, updated_at)
    select ${sid}, o.id, o.name, (${types})[1 + (o.id % ${TYPES.length})], o.country, 'City ' || (o.id % 97), (o.id % 5000)::int,
           'Contact ' || o.id, 'contact' || o.id || '@bench.example.org', 'contact' || o.id || '@bench.example.org', 'en',
           case when g.n > ${N} then 'confirmed' else 'verified' end, ${saved.version},
           now() - interval '2 days', now() - interval '1 day',
           case when g.n > ${N} then null else now() - (g.n || ' seconds')::interval end,
           case when g.n > ${N} then null else now() - (g.n || ' seconds')::interval end,
           now()
      from (select id, name, country, row_number() over (order by id) as n from organisations where normalised_name like ${`${PREFIX}%`}) g
      join organisations o on o.id = g.id`.execute(handle.db);
  await sql`analyze`.execute(handle.db);
  // The list changed wholesale behind a running app's back (the growth part seeds while it serves):
  // without this it keeps the counts it cached when the statement was imported, and serves an empty list.
  await announceChange(handle.db, { kind: 'reset', statementId: Number(sid) });
  const rows = await handle.db
    .selectFrom('endorsements')
    .select('id')
    .where('statement_id', '=', sid)
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .execute();
  console.log(
    JSON.stringify({ statementId: Number(sid), slug: SLUG, toVerify: rows.map((r) => Number(r.id)) }),
  );
} finally {
  await handle.close();
}
