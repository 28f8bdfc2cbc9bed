// Profiling aid (not part of npm run bench): the app on a throw-away PostgreSQL under --cpu-prof, autocannon on one path.
// usage: node tests/bench/profile.mjs <path> [seconds] [GET|POST] [connections]; summarise with tests/bench/prof-summary.mjs
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import fs from 'node:fs';
import { AppProcess, PgCluster, cannon, tempDir, BENCH_DIR } from './lib.mjs';
const [p, secs = '5', method = 'GET', conns = '64'] = process.argv.slice(2);
const cluster = PgCluster.start();
try {
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  await c.query('create database undersigned');
  await c.end();
  const url = cluster.urlFor('undersigned');
  execFileSync(process.execPath, [BENCH_DIR + '/seed.mjs'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'ignore',
  });
  const dir = tempDir('prof');
  const app = await AppProcess.create({ DATABASE_URL: url });
  await app.start({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let i = 0;
  const opts =
    method === 'POST'
      ? {
          url: app.url,
          requests: [
            {
              method: 'POST',
              path: p,
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
              setupRequest: (r) => ({
                ...r,
                body: new URLSearchParams({
                  org_name: `Prof Union ${++i}`,
                  org_type: 'union',
                  country: 'FR',
                  city: 'Lyon',
                  contact_name: 'X',
                  email: `p${i}@prof.example.org`,
                  authorised: 'on',
                  locale: 'en',
                }).toString(),
              }),
            },
          ],
        }
      : { url: app.url + p, headers: { 'accept-language': 'en' } };
  const r = await cannon({ ...opts, connections: Number(conns), duration: Number(secs) });
  console.log(JSON.stringify(r));
  await app.stop();
  console.log('PROFILE', dir + '/' + fs.readdirSync(dir)[0]);
} finally {
  cluster.destroy();
}
