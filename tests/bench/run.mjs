// npm run bench — the targets in BENCHMARKS.md, each measured as a ratio to a baseline taken in the same run on
// the same machine. Starts its own throw-away PostgreSQL, SMTP sink, baseline server and the app as
// real processes on 127.0.0.1; every step is bounded. Writes BENCHMARKS.md.
//
// Env knobs (all optional): BENCH_SECONDS (per load run, default 6), BENCH_SSE_CLIENTS (10000),
// BENCH_ONLY (comma list of: pg, sse, mail, update, pictures, growth, nginx, queue, pglite, start),
// BENCH_PROFILE=1 (app under --cpu-prof, profiles in /tmp/undersigned-bench-prof-*), BENCH_OUT (default
// BENCHMARKS.md at the repo root). Exits non-zero when a ratio fell below half of the committed one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  AppProcess,
  BENCH_DIR,
  cannon,
  nowMs,
  percentile,
  PgCluster,
  ROOT,
  rssOf,
  spawnHelper,
  tempDir,
  waitFor,
} from './lib.mjs';
import {
  committedRatios,
  costGrowth,
  nginxScenario,
  picturesServe,
  regressions,
  seedMore,
  staffQueue,
  updateDrain,
} from './scenarios.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 10_000);
const SIGNATORIES = 10_000;
const READ_CONNECTIONS = 64;
const WRITE_CONNECTIONS = 16;
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'pg,sse,mail,update,pictures,growth,nginx,queue,pglite,start')
    .split(',')
    .map((s) => s.trim()),
);
const PG_PARTS = ['pg', 'sse', 'mail', 'update', 'pictures', 'growth', 'nginx', 'queue'];
const PROFILE = process.env.BENCH_PROFILE === '1';
const OUT = process.env.BENCH_OUT ?? path.join(ROOT, 'BENCHMARKS.md');
const startedAt = Date.now();
// Read before this run rewrites it: the regression guard compares against the committed figures.
const committed = committedRatios(OUT);

const rows = [];
const cleanups = [];
const fmt = (n, d = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '—';
const step = (msg) =>
  console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

/** One line of the table. `met` is true/false, or undefined when there is no target (information). */
function row(r) {
  rows.push(r);
  console.log(
    `  ${r.db.padEnd(10)} ${r.scenario}: ${r.ours}${r.baseline ? ` vs ${r.baseline}` : ''}${r.ratio ? ` (${r.ratio})` : ''}${r.met !== undefined ? ` — target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

async function startSink() {
  const sink = spawnHelper('smtp-sink.mjs');
  const { port } = await sink.next('ready', 20_000);
  const arrivals = new Map();
  let total = 0;
  const waiters = new Set();
  sink.on((m) => {
    if (m.type !== 'mails') {
      return;
    }
    for (const mail of m.mails) {
      total++;
      for (const to of mail.to) {
        arrivals.set(to, mail.at);
      }
    }
    for (const w of waiters) {
      w();
    }
  });
  cleanups.push(() => sink.stop());
  return {
    port,
    arrivals,
    get total() {
      return total;
    },
    /** Resolves when check() holds (re-checked as mail arrives), or rejects after timeoutMs. */
    until(check, timeoutMs) {
      return new Promise((resolve, reject) => {
        if (check()) {
          return resolve();
        }
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error('SMTP sink: timed out waiting for mail'));
        }, timeoutMs);
        const w = () => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(w);
            resolve();
          }
        };
        waiters.add(w);
      });
    },
    stop: () => sink.stop(),
  };
}

async function startHello() {
  const hello = spawnHelper('hello.mjs');
  const { port } = await hello.next('ready', 20_000);
  cleanups.push(() => hello.stop());
  return { url: `http://127.0.0.1:${port}/`, stop: () => hello.stop() };
}

function seed(env) {
  const out = execFileSync(process.execPath, [path.join(BENCH_DIR, 'seed.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SIGNATORIES: String(SIGNATORIES),
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

async function startApp(env) {
  const app = await AppProcess.create(env);
  const profDir = PROFILE ? tempDir('prof') : undefined;
  cleanups.push(() => app.stop());
  const ms = await app.start({ nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
  if (profDir) {
    step(`CPU profile of the app will be written to ${profDir} when it stops`);
  }
  return { app, ms };
}

let formCounter = 0;
/** A valid endorsement form, distinct each time (organisation and address), as a browser posts it. */
function endorseForm(tag) {
  const i = ++formCounter;
  return new URLSearchParams({
    org_name: `Benchmark ${tag} Union ${process.pid}-${i}`,
    org_type: 'union',
    country: 'FR',
    city: 'Lyon',
    members: '1200',
    contact_name: `Officer ${i}`,
    contact_role: 'Secretary',
    email: `officer-${tag}-${process.pid}-${i}@bench.example.org`,
    authorised: 'on',
    locale: 'en',
  }).toString();
}

/** Measurements 1–3 (and their embedded-database twins, 7) against one running app. */
async function readAndWriteBenchmarks(db, app, slug, hello, writeBaseline) {
  // Baseline and ours alternate in short slices (hello, ours, hello, ours…) so that load from
  // elsewhere on a shared machine weighs on both alike; each figure is the mean of its slices.
  const browserHeaders = {
    'accept-language': 'en-GB,en;q=0.9',
    accept: 'text/html',
    'accept-encoding': 'gzip, deflate, br',
  };
  const scenarios = {
    hello: { url: hello.url },
    api: { url: `${app.url}/api/statements/${slug}` },
    page: { url: `${app.url}/s/${slug}`, headers: browserHeaders },
    pageIdentity: {
      url: `${app.url}/s/${slug}`,
      headers: { ...browserHeaders, 'accept-encoding': 'identity' },
    },
  };
  step(
    `${db}: bare Hono hello, GET /api/statements/${slug}, GET /s/${slug} (${fmt(SIGNATORIES)} signatories), interleaved, ${READ_CONNECTIONS} connections`,
  );
  const slices = 3;
  const runs = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let i = 0; i < slices; i++) {
    for (const [k, o] of Object.entries(scenarios)) {
      runs[k].push(
        await cannon(
          { ...o, connections: READ_CONNECTIONS, duration: Math.max(2, Math.round(SECONDS / 2)) },
          { warmupSeconds: i === 0 ? 1 : 0 },
        ),
      );
    }
  }
  const mean = (k) => {
    const rs = runs[k];
    const avg = (f) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
    const codes = {};
    for (const r of rs) {
      for (const [c, n] of Object.entries(r.codes)) {
        codes[c] = (codes[c] ?? 0) + n;
      }
    }
    return {
      rps: avg((r) => r.rps),
      p50: avg((r) => r.p50),
      p99: Math.max(...rs.map((r) => r.p99)),
      bytesPerReq: avg((r) => r.bytesPerReq),
      total: rs.reduce((a, r) => a + r.total, 0),
      codes,
    };
  };
  const h = mean('hello');
  const api = mean('api');
  const page = mean('page');
  const plain = mean('pageIdentity');
  const apiRatio = api.rps / h.rps;
  row({
    db,
    scenario: '1. `GET /api/statements/:slug` req/s',
    baseline: `${fmt(h.rps)} req/s (hello)`,
    ours: `${fmt(api.rps)} req/s (p99 ${fmt(api.p99)} ms)`,
    ratio: `${fmt(apiRatio, 2)}×`,
    target: '≥ 0.7× hello',
    met: apiRatio >= 0.7 && api.codes['200'] === api.total,
  });
  const pageRatio = page.rps / h.rps;
  row({
    db,
    scenario: '2. `GET /s/:slug` (10,000 signatories), as a browser asks (gzip) req/s',
    baseline: `${fmt(h.rps)} req/s (hello)`,
    ours: `${fmt(page.rps)} req/s, ${fmt(page.bytesPerReq / 1024, 1)} KB/response (without gzip: ${fmt(plain.rps)} req/s, ${fmt(plain.bytesPerReq / 1024, 1)} KB, ${fmt(plain.rps / h.rps, 2)}×)`,
    ratio: `${fmt(pageRatio, 2)}×`,
    target: '≥ 0.5× hello',
    met: pageRatio >= 0.5 && page.codes['200'] === page.total,
  });
  row({
    db,
    scenario: `2. \`GET /s/:slug\` latency at ${READ_CONNECTIONS} connections (worst slice)`,
    baseline: `hello p99 ${fmt(h.p99)} ms`,
    ours: `p50 ${fmt(page.p50)} ms, p99 ${fmt(page.p99)} ms (without gzip: p99 ${fmt(plain.p99)} ms)`,
    ratio: '',
    target: 'p99 < 50 ms',
    met: page.p99 < 50,
  });

  step(`${db}: POST /s/${slug}/endorse (${WRITE_CONNECTIONS} connections, distinct valid submissions)`);
  const post = await cannon({
    url: app.url,
    connections: WRITE_CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: `/s/${slug}/endorse`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
        setupRequest: (req) => ({ ...req, body: endorseForm(db) }),
      },
    ],
  });
  const accepted = (post.codes['303'] ?? 0) / (post.duration || SECONDS);
  const others = Object.entries(post.codes).filter(([k]) => k !== '303');
  const base = await writeBaseline();
  const postRatio = accepted / base.tps;
  row({
    db,
    scenario: '3. `POST /s/:slug/endorse` accepted/s',
    baseline: `${fmt(base.tps)} tx/s (${base.label})`,
    ours: `${fmt(accepted)} /s (p50 ${fmt(post.p50)} ms, p99 ${fmt(post.p99)} ms${others.length ? `; other answers: ${others.map(([k, n]) => `${n}× ${k}`).join(', ')}` : ''})`,
    ratio: `${fmt(postRatio, 2)}×`,
    target: db === 'PostgreSQL' ? '≥ 0.5× pgbench' : '(none; PostgreSQL only)',
    met: db === 'PostgreSQL' ? postRatio >= 0.5 && others.length === 0 : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: 1–5

async function postgresSection() {
  step('PostgreSQL: starting a throw-away cluster');
  const cluster = PgCluster.start();
  cleanups.push(() => cluster.destroy());
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const version = (await admin.query('show server_version')).rows[0].server_version;
  await admin.query('create database undersigned');
  await admin.end();
  const url = cluster.urlFor('undersigned');
  meta.postgres = version;

  const sink = await startSink();
  step('PostgreSQL: seeding through the app code');
  const seeded = seed({ DATABASE_URL: url });
  const { app } = await startApp({
    DATABASE_URL: url,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    // The process cap follows the open-files limit by default; the benchmark asks for exactly its clients.
    SSE_MAX: String(SSE_CLIENTS),
  });
  const hello = await startHello();
  const sqlc = new pg.Client({ connectionString: url });
  await sqlc.connect();
  cleanups.push(() => sqlc.end().catch(() => {}));
  // Mail queued by one benchmark is not left to steal CPU from the next one.
  const settleOutbox = () =>
    sqlc.query(`update email_outbox set status = 'sent', sent_at = now() where status = 'queued'`);

  if (ONLY.has('pg')) {
    await readAndWriteBenchmarks('PostgreSQL', app, seeded.slug, hello, async () => {
      await settleOutbox();
      step(
        `PostgreSQL: pgbench, the same transaction (${WRITE_CONNECTIONS} clients, ${SECONDS} s, prepared statements)`,
      );
      const out = execFileSync(
        path.join(cluster.bin, 'pgbench'),
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(WRITE_CONNECTIONS),
          '-j',
          '2',
          '-T',
          String(SECONDS),
          '-D',
          `sid=${seeded.statementId}`,
          '-f',
          path.join(BENCH_DIR, 'submit-tx.sql'),
          '-h',
          '127.0.0.1',
          '-p',
          String(cluster.port),
          '-U',
          'postgres',
          'undersigned',
        ],
        { encoding: 'utf8', timeout: (SECONDS + 60) * 1000 },
      );
      const m = /tps = ([\d.]+)/.exec(out);
      if (!m) {
        throw new Error(`pgbench: no tps in output:\n${out}`);
      }
      await settleOutbox();
      return { tps: Number(m[1]), label: 'pgbench, same transaction' };
    });
  }

  if (ONLY.has('sse')) {
    await sseFanOut(app, seeded, sqlc);
  }
  if (ONLY.has('mail')) {
    await mailBenchmarks(app, seeded, sqlc, sink, settleOutbox);
  }
  const common = { step, row, fmt, seconds: SECONDS, cleanups };
  if (ONLY.has('update')) {
    await settleOutbox();
    await updateDrain({
      ...common,
      app,
      sqlc,
      sink,
      statementId: seeded.statementId,
      slug: seeded.slug,
      submitOne,
    });
  }
  if (ONLY.has('pictures')) {
    await picturesServe({ ...common, app, hello, slug: seeded.slug });
  }
  if (ONLY.has('growth')) {
    step('growth: seeding statements of 100 and 100,000 signatories');
    const small = seedMore({ DATABASE_URL: url }, 'growth-100', 100);
    const large = seedMore({ DATABASE_URL: url }, 'growth-100k', 100_000);
    await costGrowth({
      ...common,
      app,
      hello,
      slugs: { 100: small.slug, [SIGNATORIES]: seeded.slug, 100000: large.slug },
    });
  }
  if (ONLY.has('nginx')) {
    await settleOutbox();
    await nginxScenario({
      ...common,
      env: { DATABASE_URL: url, SMTP_URL: `smtp://127.0.0.1:${sink.port}` },
      slug: seeded.slug,
      toVerifyId: seeded.toVerify[4],
      publish: (id) => publishVerification(sqlc, seeded.statementId, id),
    });
  }
  // Last: it leaves 20,000 pending rows behind.
  if (ONLY.has('queue')) {
    await staffQueue({ ...common, app, env: { DATABASE_URL: url }, sqlc, statementId: seeded.statementId });
  }

  await sqlc.end();
  await hello.stop();
  await app.stop();
  await sink.stop();
  cluster.destroy();
}

/** Verify one endorsement the way the staff queue does (guarded update + NOTIFY in one transaction). */
async function publishVerification(sqlc, statementId, id) {
  const t0 = nowMs();
  await sqlc.query('begin');
  await sqlc.query(
    `update endorsements set status = 'verified', verified_at = now(), published_at = now(), updated_at = now() where id = $1 and status = 'confirmed'`,
    [id],
  );
  await sqlc.query(`select pg_notify('undersigned_live', $1)`, [
    JSON.stringify({ kind: 'published', statementId, endorsementId: id }),
  ]);
  await sqlc.query('commit');
  return t0;
}

/** 4. Ten thousand SSE clients on one process; one verification published through SQL + NOTIFY. */
async function sseFanOut(app, seeded, sqlc) {
  step(`SSE: connecting ${fmt(SSE_CLIENTS)} clients to /s/${seeded.slug}/events`);
  const rssBefore = rssOf(app.pid);
  const clients = spawnHelper(
    'sse-clients.mjs',
    [String(app.port), `/s/${seeded.slug}/events`, String(SSE_CLIENTS)],
    { fdLimit: true },
  );
  cleanups.push(() => clients.stop());
  await clients.next('ready', 20_000);
  clients.send({ type: 'connect' });
  const connected = await clients.next('connected', 180_000);
  const rssAfter = rssOf(app.pid);
  step(
    `SSE: ${fmt(connected.ready)} connected in ${fmt(connected.ms / 1000, 1)} s (${connected.failed} failed)`,
  );

  const publish = (id) => publishVerification(sqlc, seeded.statementId, id);

  // A first publication warms the path; the next three are measured and the median one reported.
  const runs = [];
  for (const [i, id] of seeded.toVerify.slice(0, 4).entries()) {
    clients.send({ type: 'reset' });
    await clients.next('reset');
    const t0 = await publish(id);
    clients.send({ type: 'collect', timeoutMs: 15_000 });
    const { times } = await clients.next('times', 30_000);
    if (i === 0) {
      continue;
    }
    const got = times
      .filter((t) => t !== null)
      .map((t) => t - t0)
      .sort((a, b) => a - b);
    const n = times.length;
    const padded = got.concat(Array(n - got.length).fill(Infinity));
    runs.push({
      p50: percentile(padded, 50),
      p99: percentile(padded, 99),
      p100: percentile(padded, 100),
      received: got.length,
      n,
    });
  }
  runs.sort((a, b) => a.p99 - b.p99);
  const med = runs[Math.floor(runs.length / 2)];
  const worst = runs[runs.length - 1];
  row({
    db: 'PostgreSQL',
    scenario: `4. SSE fan-out to ${fmt(connected.ready)} clients: verification → event (median of ${runs.length})`,
    baseline: '',
    ours: `50 % in ${fmt(med.p50)} ms, 99 % in ${fmt(med.p99)} ms, 100 % in ${fmt(med.p100)} ms (${fmt(med.received)}/${fmt(med.n)} received; worst run 99 % in ${fmt(worst.p99)} ms)`,
    ratio: '',
    target: `${fmt(SSE_CLIENTS)} clients; 99 % within 1 s`,
    met: connected.ready >= SSE_CLIENTS && med.p99 <= 1000,
  });
  const perClient = (rssAfter - rssBefore) / Math.max(1, connected.ready);
  row({
    db: 'PostgreSQL',
    scenario: '4. SSE memory per client',
    baseline: `app RSS ${fmt(rssBefore / 2 ** 20)} MB before`,
    ours: `${fmt(perClient / 1024, 1)} KB/client (RSS ${fmt(rssAfter / 2 ** 20)} MB with clients)`,
    ratio: '',
    target: '≤ 20 KB per client',
    met: perClient <= 20 * 1024,
  });
  await clients.stop();
  // The server notices the closed sockets; wait until it has let them go (bounded).
  await waitFor(
    async () =>
      await fetch(`${app.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    30_000,
    'app unhealthy after SSE',
  );
}

/** 5. Mail: a queue of 1,000 confirmations drained into the sink; then submit→SMTP latency when idle. */
async function mailBenchmarks(app, seeded, sqlc, sink, settleOutbox) {
  await settleOutbox();
  // Make sure a real confirmation exists to copy (and that the worker is warm).
  const first = `officer-warm-${process.pid}@bench.example.org`;
  await submitOne(app, seeded.slug, first);
  await sink.until(() => sink.arrivals.has(first), 30_000);
  step('mail: 1,000 queued confirmations → SMTP sink');
  const {
    rows: [tpl],
  } = await sqlc.query(
    `select template, locale, data, endorsement_id from email_outbox where template = 'confirm-endorsement' order by id desc limit 1`,
  );
  const before = sink.total;
  const t0 = nowMs();
  await sqlc.query('begin');
  await sqlc.query(
    `insert into email_outbox (template, locale, to_address, data, endorsement_id, next_attempt_at, created_at)
     select $1, $2, 'drain-' || g || '@bench.example.org', $3, $4, now(), now() from generate_series(1, 1000) g`,
    [tpl.template, tpl.locale, tpl.data, tpl.endorsement_id],
  );
  await sqlc.query(`select pg_notify('undersigned_mail', '')`);
  await sqlc.query('commit');
  await sink.until(() => sink.total - before >= 1000, 120_000);
  const drainMs =
    Math.max(...[...sink.arrivals].filter(([k]) => k.startsWith('drain-')).map(([, at]) => at)) - t0;
  const rate = 1000 / (drainMs / 1000);
  row({
    db: 'PostgreSQL',
    scenario: '5. mail: 1,000 queued confirmations → SMTP',
    baseline: '',
    ours: `${fmt(rate)} mails/s (${fmt(drainMs / 1000, 2)} s)`,
    ratio: '',
    target: '≥ 100 mails/s',
    met: rate >= 100,
  });

  step('mail: submit → SMTP latency, one at a time');
  const lat = [];
  for (let i = 0; i < 30; i++) {
    const to = `officer-idle-${process.pid}-${i}@bench.example.org`;
    const t = nowMs();
    await submitOne(app, seeded.slug, to);
    await sink.until(() => sink.arrivals.has(to), 20_000);
    lat.push(sink.arrivals.get(to) - t);
  }
  lat.sort((a, b) => a - b);
  const p95 = percentile(lat, 95);
  row({
    db: 'PostgreSQL',
    scenario: '5. mail: submit → SMTP latency when idle (30 submissions)',
    baseline: '',
    ours: `p50 ${fmt(percentile(lat, 50))} ms, p95 ${fmt(p95)} ms`,
    ratio: '',
    target: 'p95 < 2 s',
    met: p95 < 2000,
  });
}

async function submitOne(app, slug, email) {
  const body = new URLSearchParams(endorseForm('one'));
  body.set('email', email);
  const res = await fetch(`${app.url}/s/${slug}/endorse`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
    body: body.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  if (res.status !== 303) {
    throw new Error(`submission answered ${res.status}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Embedded database: 7 (1–3 again) and 6 (start times)

async function pgliteSection() {
  const dataDir = tempDir('pglite');
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const sink = await startSink();
  step('PGlite: seeding through the app code');
  const seeded = seed({ DATA_DIR: dataDir });
  const { app } = await startApp({ DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
  const hello = await startHello();
  await readAndWriteBenchmarks('PGlite', app, seeded.slug, hello, async () => {
    step(`PGlite: the same transaction straight on PGlite (1 connection, ${SECONDS} s)`);
    const dir = tempDir('pglite-tx');
    try {
      const out = execFileSync(
        process.execPath,
        [path.join(BENCH_DIR, 'pglite-tx.mjs'), dir, String(SECONDS)],
        { cwd: ROOT, encoding: 'utf8', timeout: (SECONDS + 60) * 1000 },
      );
      return { tps: JSON.parse(out.trim().split('\n').pop()).tps, label: 'same transaction, direct PGlite' };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  await hello.stop();
  await app.stop();
  await sink.stop();
}

async function startSection() {
  step('start: tsc (what npm start runs first)');
  const t = nowMs();
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: 'ignore', timeout: 300_000 },
  );
  const tscMs = nowMs() - t;
  const dataDir = tempDir('start');
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, SECRET: '' };
  step('start: cold (fresh DATA_DIR)');
  const cold = await AppProcess.create(env);
  cold.env.SECRET = '';
  const coldMs = await cold.start();
  await cold.stop();
  const warm = [];
  for (let i = 0; i < 3; i++) {
    step(`start: warm #${i + 1} (existing DATA_DIR)`);
    const a = await AppProcess.create(env);
    a.env.SECRET = '';
    warm.push(await a.start());
    await a.stop();
  }
  warm.sort((a, b) => a - b);
  const warmMs = warm[1];
  row({
    db: 'PGlite',
    scenario: '6. `npm start`, fresh `DATA_DIR` → first 200 from /healthz',
    baseline: `tsc ${fmt(tscMs / 1000, 1)} s (separate)`,
    ours: `${fmt(coldMs / 1000, 2)} s`,
    ratio: '',
    target: '< 10 s',
    met: coldMs < 10_000,
  });
  row({
    db: 'PGlite',
    scenario: '6. `npm start`, existing `DATA_DIR` → first 200 (median of 3)',
    baseline: `tsc ${fmt(tscMs / 1000, 1)} s (separate)`,
    ours: `${fmt(warmMs / 1000, 2)} s`,
    ratio: '',
    target: '< 3 s',
    met: warmMs < 3000,
  });
}

// ---------------------------------------------------------------------------------------------

const meta = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  postgres: '',
  memory: `${fmt(os.totalmem() / 2 ** 30, 1)} GB`,
};

function writeReport() {
  const mark = (r) => (r.met === undefined ? 'info' : r.met ? '✅ yes' : '❌ no');
  const esc = (s) => String(s ?? '').replace(/\|/g, '\\|');
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (tests/bench/run.mjs) on ${meta.date}. Do not edit by hand: the notes below`,
    'come from tests/bench/notes.md.',
    '',
    `Machine: ${meta.cpus} CPU (${meta.cpuModel}), ${meta.memory} RAM, Node ${meta.node}, PostgreSQL ${meta.postgres || '—'}, ${os.platform()} ${os.release()}.`,
    `Load: autocannon in the bench process, ${SECONDS} s per run after a 1 s warm-up; reads at ${READ_CONNECTIONS} connections, writes at ${WRITE_CONNECTIONS}.`,
    'Baseline for reads: a bare Hono app with one `GET /` → `hello` route, no middleware, served by @hono/node-server in its',
    'own process (tests/bench/hello.mjs), same Node, same packages, same machine, measured in the same run just before.',
    'Everything runs on one shared machine at once (load generator, app, database, SMTP sink): ratios, not absolute numbers, are what count.',
    '',
    '| database | scenario | baseline | ours | ratio | target | met? |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.db} | ${esc(r.scenario)} | ${esc(r.baseline)} | ${esc(r.ours)} | ${esc(r.ratio)} | ${esc(r.target)} | ${mark(r)} |`,
    ),
    '',
  ];
  const notes = path.join(BENCH_DIR, 'notes.md');
  if (fs.existsSync(notes)) {
    lines.push(fs.readFileSync(notes, 'utf8').trim(), '');
  }
  fs.writeFileSync(OUT, lines.join('\n'));
}

async function cleanup() {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* best effort */
    }
  }
}

let failed = false;
const overall = setTimeout(() => {
  console.error('bench: over the 15-minute budget; stopping');
  cleanup().finally(() => process.exit(2));
}, 15 * 60_000);
overall.unref();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => cleanup().finally(() => process.exit(130)));
}

try {
  if (!fs.existsSync(path.join(ROOT, 'dist/main.js'))) {
    throw new Error('dist/main.js is missing: run `npm run bench` (it builds first)');
  }
  if (PG_PARTS.some((s) => ONLY.has(s))) {
    await postgresSection();
  }
  if (ONLY.has('pglite')) {
    await pgliteSection();
  }
  if (ONLY.has('start')) {
    await startSection();
  }
} catch (err) {
  failed = true;
  console.error(`bench failed: ${err.stack ?? err}`);
} finally {
  await cleanup();
  clearTimeout(overall);
}

console.log('');
console.log(`| database | scenario | baseline | ours | ratio | target | met? |`);
for (const r of rows) {
  console.log(
    `| ${r.db} | ${r.scenario} | ${r.baseline} | ${r.ours} | ${r.ratio} | ${r.target} | ${r.met === undefined ? 'info' : r.met ? 'yes' : 'NO'} |`,
  );
}
if (rows.length) {
  writeReport();
  console.log(`\nwrote ${path.relative(ROOT, OUT)} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
}
const fallen = regressions(rows, committed);
if (fallen.length) {
  failed = true;
  console.error(
    '\nbench: REGRESSION — these ratios fell by more than half against the committed BENCHMARKS.md:',
  );
  for (const f of fallen) {
    console.error(`  ${f.row.db} ${f.row.scenario}: ${f.before}× → ${f.now}×`);
  }
  console.error('Profile the path (tests/bench/profile.mjs) before committing these figures.');
}
process.exit(failed ? 1 : 0);
