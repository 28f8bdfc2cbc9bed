// Development aid (npm run build first; not part of npm run bench): a real server (dist/) on an
// in-memory database with one statement signed by 300 organisations in 40 countries, for autocannon:
// prints the statement's URL (PORT, default 3999); Ctrl-C stops it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
const D = new URL('../../dist', import.meta.url).pathname;
const { defaultConfig } = await import(`${D}/config.js`);
const { silentLog } = await import(`${D}/log.js`);
const { startServer } = await import(`${D}/server.js`);
const { saveStatementText } = await import(`${D}/statements/queries.js`);
const { findOrCreateOrganisation } = await import(`${D}/endorsements/organisations.js`);
const { notifyLiveChange } = await import(`${D}/live/notify.js`);
const port = Number(process.env.PORT ?? 3999);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictures-bench-'));
const config = defaultConfig({
  port,
  host: '127.0.0.1',
  publicUrl: `http://127.0.0.1:${port}`,
  databaseUrl: 'memory://',
  dataDir,
  secret: randomBytes(32).toString('hex'),
});
const server = await startServer(config, silentLog);
const db = server.deps.db;
const now = new Date();
const { statementId } = await db.transaction().execute((trx) =>
  saveStatementText(
    trx,
    {
      slug: 'bench',
      locale: 'en',
      title: 'A fair deal for care workers',
      body: 'We stand together.',
      open: true,
    },
    now,
  ),
);
const codes = [
  'FR',
  'DE',
  'ES',
  'IT',
  'BR',
  'AR',
  'US',
  'CA',
  'MX',
  'IN',
  'ZA',
  'NG',
  'KE',
  'EG',
  'TN',
  'MA',
  'TR',
  'GB',
  'SE',
  'NO',
  'PL',
  'UA',
  'RU',
  'CN',
  'JP',
  'KR',
  'PH',
  'ID',
  'AU',
  'NZ',
  'CL',
  'CO',
  'PE',
  'SG',
  'MT',
  'BH',
  'MU',
  'HK',
  'XK',
  'PT',
];
for (let i = 0; i < 300; i++) {
  const country = codes[(i * 7) % codes.length];
  const at = new Date(now.getTime() - (i % 30) * 86400000);
  await db.transaction().execute(async (trx) => {
    const org = await findOrCreateOrganisation(trx, `Union ${i}`, country, at);
    await trx
      .insertInto('endorsements')
      .values({
        statement_id: statementId,
        organisation_id: org,
        display_name: `Union ${i}`,
        org_type: 'union',
        country,
        locale: 'en',
        status: 'verified',
        created_at: at,
        confirmed_at: at,
        verified_at: at,
        published_at: at,
        updated_at: at,
      })
      .execute();
  });
}
await notifyLiveChange(db, { kind: 'changed', statementId });
console.log(`${server.url}/s/bench`);
const stop = async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
