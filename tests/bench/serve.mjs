// Development aid (not part of npm run bench): a seeded app on a throw-away PostgreSQL, kept running
// until Ctrl-C, to poke at with curl. Prints the app's URL.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { AppProcess, BENCH_DIR, PgCluster } from './lib.mjs';

const cluster = PgCluster.start();
const c = new pg.Client({ connectionString: cluster.url });
await c.connect();
await c.query('create database undersigned');
await c.end();
const url = cluster.urlFor('undersigned');
execFileSync(process.execPath, [`${BENCH_DIR}/seed.mjs`], {
  env: { ...process.env, DATABASE_URL: url },
  stdio: 'ignore',
});
const app = await AppProcess.create({ DATABASE_URL: url });
await app.start();
console.log(app.url, url);
const stop = async () => {
  await app.stop();
  cluster.destroy();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
