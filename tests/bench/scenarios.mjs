// Scenarios of npm run bench beyond the read/write/SSE/mail core (run.mjs): nginx in front, cost
// growth with the number of signatories, the staff queue under look-alike spam, pictures, and the
// regression guard against the committed BENCHMARKS.md. Every step bounded, 127.0.0.1 only.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  AppProcess,
  BENCH_DIR,
  cannon,
  freePort,
  nowMs,
  percentile,
  ROOT,
  tempDir,
  waitFor,
} from './lib.mjs';

const NGINX = '/usr/sbin/nginx';
export const METRICS_TOKEN = 'bench-metrics-token';

/** Requests an app process has counted for a route (its /metrics, every status, GET and HEAD). */
async function routeRequests(app, route) {
  const res = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`/metrics answered ${res.status}`);
  }
  let n = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('undersigned_http_request_duration_seconds_count{') &&
      line.includes(`route="${route}"`)
    ) {
      n += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return n;
}

/** Debian's nginx, installed with apt-get when missing (as root only; otherwise the scenario is skipped). */
function ensureNginx(step) {
  if (fs.existsSync(NGINX)) {
    return true;
  }
  if (process.getuid?.() !== 0) {
    step('nginx: /usr/sbin/nginx is missing and this is not root: skipped (apt-get install nginx-light)');
    return false;
  }
  step('nginx: installing Debian nginx with apt-get');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx-light'], {
    stdio: 'ignore',
    timeout: 180_000,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return fs.existsSync(NGINX);
}

/** deploy/nginx.conf, pointed at these app ports, this listen port and a temp cache; in a full nginx.conf. */
function nginxConfig(dir, port, appPorts) {
  let site = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const servers = appPorts.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n');
  site = site
    .replace(/(upstream undersigned_app \{[\s\S]*?)(?:\s*server app\d:3000[^\n]*\n)+/, `$1\n${servers}\n`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/proxy_cache_path \S+/, `proxy_cache_path ${dir}/cache`);
  if (!site.includes(`127.0.0.1:${appPorts[0]}`) || !site.includes(`listen 127.0.0.1:${port}`)) {
    throw new Error('nginx: deploy/nginx.conf no longer has the shape the bench rewrites (upstream, listen)');
  }
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
}

/**
 * nginx (deploy/nginx.conf) in front of two app processes on one database: 64 connections for 20 s
 * on one statement URL; how many requests reached the apps (their /metrics), and whether an SSE
 * event still arrives through nginx.
 */
export async function nginxScenario({ env, slug, publish, toVerifyId, step, row, fmt, cleanups }) {
  if (!ensureNginx(step)) {
    row({
      db: 'PostgreSQL',
      scenario: '8. behind nginx: requests reaching the apps',
      baseline: '',
      ours: 'skipped: /usr/sbin/nginx missing (apt-get install nginx-light)',
      ratio: '',
      target: '≤ 1 per URL per s-maxage window',
      met: false,
    });
    return;
  }
  step('nginx: two app processes behind Debian nginx (deploy/nginx.conf)');
  const apps = [];
  for (let i = 0; i < 2; i++) {
    const app = await AppProcess.create({ ...env, METRICS_TOKEN, TRUST_PROXY: 'true' });
    cleanups.push(() => app.stop());
    await app.start();
    apps.push(app);
  }
  const dir = tempDir('nginx');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const d of ['cache', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    fs.mkdirSync(path.join(dir, d));
  }
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    nginxConfig(
      dir,
      port,
      apps.map((a) => a.port),
    ),
  );
  const nginx = spawn(
    NGINX,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let nginxOut = '';
  nginx.stdout.on('data', (d) => (nginxOut += d));
  nginx.stderr.on('data', (d) => (nginxOut += d));
  const stopNginx = async () => {
    if (nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGQUIT');
      const t = setTimeout(() => nginx.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
  };
  cleanups.push(stopNginx);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (nginx.exitCode !== null) {
        throw new Error(`nginx exited: ${nginxOut}${readIf(path.join(dir, 'error.log'))}`);
      }
      return fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    20_000,
    'nginx did not answer',
  );

  const route = '/s/:slug';
  const url = `/s/${slug}?lang=en`;
  const before = (await Promise.all(apps.map((a) => routeRequests(a, route)))).reduce((a, b) => a + b, 0);
  const seconds = 20;
  step(`nginx: 64 connections for ${seconds} s on ${url}`);
  const r = await cannon(
    {
      url: base + url,
      connections: 64,
      duration: seconds,
      headers: { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en-GB,en;q=0.9' },
    },
    { warmupSeconds: 0 },
  );
  const after = (await Promise.all(apps.map((a) => routeRequests(a, route)))).reduce((a, b) => a + b, 0);
  const reached = after - before;
  // s-maxage of the statement page (src/http/cached-page.ts): one fetch per window, plus the first.
  const sMaxAge = 5;
  const allowed = Math.ceil(seconds / sMaxAge) + 1;
  row({
    db: 'PostgreSQL',
    scenario: `8. behind nginx (2 apps), 64 connections × ${seconds} s on one statement: requests that reached the apps`,
    baseline: `${fmt(r.total)} requests answered (${fmt(r.rps)} req/s, p99 ${fmt(r.p99)} ms)`,
    ours: `${fmt(reached)} reached the apps${r.codes['200'] === r.total ? '' : ` (answers: ${JSON.stringify(r.codes)})`}`,
    ratio: '',
    target: `≤ 1 per URL per s-maxage (${sMaxAge} s) window: ≤ ${allowed}`,
    met: reached <= allowed && r.codes['200'] === r.total,
  });

  step('nginx: an SSE event through nginx');
  const sse = await sseThrough(base, `/s/${slug}/events`, async () => publish(toVerifyId));
  row({
    db: 'PostgreSQL',
    scenario: '8. behind nginx: a verification reaches an SSE client through nginx',
    baseline: '',
    ours: sse.ok ? `event: signatory in ${fmt(sse.ms)} ms` : `no event within 10 s (${sse.why})`,
    ratio: '',
    target: 'arrives (unbuffered)',
    met: sse.ok,
  });
  await stopNginx();
  for (const a of apps) {
    await a.stop();
  }
}

function readIf(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Open a stream, wait for its first bytes, run `act`, and time until `event: signatory` (bounded). */
function sseThrough(base, p, act) {
  return new Promise((resolve) => {
    let t0 = 0;
    let buf = '';
    let acted = false;
    const done = (v) => {
      clearTimeout(timer);
      req.destroy();
      resolve(v);
    };
    const timer = setTimeout(
      () => done({ ok: false, why: acted ? 'timed out' : 'stream never opened' }),
      15_000,
    );
    const req = http.get(base + p, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        return done({ ok: false, why: `status ${res.statusCode}` });
      }
      res.on('data', (d) => {
        buf += d.toString();
        if (!acted) {
          acted = true;
          t0 = nowMs();
          act().catch((e) => done({ ok: false, why: String(e) }));
        }
        if (/event: signatory/.test(buf)) {
          done({ ok: true, ms: nowMs() - t0 });
        }
      });
    });
    req.on('error', (e) => done({ ok: false, why: String(e) }));
  });
}

/** Seed another statement of N signatories into the same database (tests/bench/seed.mjs). */
export function seedMore(env, slug, n) {
  const out = execFileSync(process.execPath, [path.join(BENCH_DIR, 'seed.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SIGNATORIES: String(n),
      BENCH_SLUG: slug,
      ...env,
    },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Interleaved short runs (hello, then each scenario), several slices; mean req/s and worst p99 each. */
export async function interleaved(scenarios, { slices = 2, seconds = 3, connections = 64 } = {}) {
  const runs = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let i = 0; i < slices; i++) {
    for (const [k, o] of Object.entries(scenarios)) {
      runs[k].push(
        await cannon({ ...o, connections, duration: seconds }, { warmupSeconds: i === 0 ? 1 : 0 }),
      );
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([k, rs]) => [
      k,
      {
        rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
        p99: Math.max(...rs.map((r) => r.p99)),
        ok: rs.every((r) => (r.codes['200'] ?? 0) === r.total),
        bytesPerReq: rs.reduce((a, r) => a + r.bytesPerReq, 0) / rs.length,
      },
    ]),
  );
}

/** Page and API req/s at 100, 10,000 and 100,000 signatories, each as a ratio to hello in the same slices. */
export async function costGrowth({ app, hello, slugs, step, row, fmt, seconds }) {
  const browser = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en-GB,en;q=0.9' };
  const scenarios = { hello: { url: hello.url } };
  for (const [n, slug] of Object.entries(slugs)) {
    scenarios[`api${n}`] = { url: `${app.url}/api/statements/${slug}` };
    scenarios[`page${n}`] = { url: `${app.url}/s/${slug}?lang=en`, headers: browser };
  }
  step(
    `growth: page and API at ${Object.keys(slugs)
      .map((n) => fmt(Number(n)))
      .join(', ')} signatories`,
  );
  const m = await interleaved(scenarios, { seconds: Math.max(2, Math.round(seconds / 2)) });
  const h = m.hello.rps;
  const sizes = Object.keys(slugs)
    .map(Number)
    .sort((a, b) => a - b);
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  for (const kind of ['api', 'page']) {
    const figures = sizes.map(
      (n) => `${fmt(n)}: ${fmt(m[`${kind}${n}`].rps)} req/s (${fmt(m[`${kind}${n}`].rps / h, 2)}×)`,
    );
    const growth = m[`${kind}${large}`].rps / m[`${kind}${small}`].rps;
    row({
      db: 'PostgreSQL',
      scenario: `9. cost growth: ${kind === 'api' ? '`GET /api/statements/:slug`' : '`GET /s/:slug?lang=en` (gzip)'} at ${sizes.map((n) => fmt(n)).join(' / ')} signatories`,
      baseline: `${fmt(h)} req/s (hello)`,
      ours: figures.join('; '),
      ratio: `${fmt(growth, 2)}×`,
      target: `${fmt(large)} ≥ 0.8× of ${fmt(small)}`,
      met: growth >= 0.8 && sizes.every((n) => m[`${kind}${n}`].ok),
    });
  }
}

/** map.svg and og.png req/s (pictures drawn once per count generation), as ratios to hello. */
export async function picturesServe({ app, hello, slug, step, row, fmt, seconds }) {
  step('pictures: map.svg and og.png');
  const m = await interleaved(
    {
      hello: { url: hello.url },
      map: { url: `${app.url}/s/${slug}/map.svg?lang=en`, headers: { 'accept-encoding': 'gzip' } },
      og: { url: `${app.url}/s/${slug}/og.png?lang=en` },
    },
    { seconds: Math.max(2, Math.round(seconds / 2)) },
  );
  for (const [k, name] of [
    ['map', '`GET /s/:slug/map.svg` (gzip)'],
    ['og', '`GET /s/:slug/og.png`'],
  ]) {
    row({
      db: 'PostgreSQL',
      scenario: `10. pictures: ${name} req/s`,
      baseline: `${fmt(m.hello.rps)} req/s (hello)`,
      ours: `${fmt(m[k].rps)} req/s, p99 ${fmt(m[k].p99)} ms, ${fmt(m[k].bytesPerReq / 1024, 1)} KB/response`,
      ratio: `${fmt(m[k].rps / m.hello.rps, 2)}×`,
      target: '(none; information)',
      met: undefined,
    });
  }
}

/** The staff queue of a statement under 20,000 pending look-alikes: p95 of 30 sequential views. */
export async function staffQueue({ app, env, sqlc, statementId, step, row, fmt }) {
  step('staff queue: 20,000 pending look-alikes, then 30 views of the queue');
  await sqlc.query(
    `insert into organisations (normalised_name, country, name, created_at)
     select 'syndicat francais ' || g, 'FR', 'Syndicat français ' || g, now() from generate_series(1, 20040) g
     on conflict do nothing`,
  );
  await sqlc.query(
    `insert into endorsements (statement_id, organisation_id, display_name, org_type, country, contact_name,
                               email, email_normalised, locale, status, created_at, updated_at, confirmed_at)
     select $1, o.id, o.name, 'union', 'FR', 'Spam', 'spam' || o.id || '@x.example', 'spam' || o.id || '@x.example',
            'fr', case when split_part(o.normalised_name, ' ', 3)::int > 20000 then 'confirmed' else 'pending' end,
            now(), now(), case when split_part(o.normalised_name, ' ', 3)::int > 20000 then now() end
       from organisations o where o.normalised_name like 'syndicat francais %'`,
    [statementId],
  );
  await sqlc.query('analyze');
  const email = 'bench-staff@bench.example.org';
  const password = 'correct horse battery staple bench';
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'dist/cli.js'),
      'staff',
      'add',
      '--email',
      email,
      '--name',
      'Bench',
      '--role',
      'admin',
      '--password',
      password,
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...app.env, ...env }, stdio: 'pipe', timeout: 60_000 },
  );
  const cookies = new Map();
  const remember = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${app.url}/admin/login`, { redirect: 'manual' });
  remember(login);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1];
  const signed = await fetch(`${app.url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf ?? '' }).toString(),
    signal: AbortSignal.timeout(60_000),
  });
  remember(signed);
  if (signed.status !== 303) {
    throw new Error(`staff sign-in answered ${signed.status}`);
  }
  const times = [];
  let status = 0;
  for (let i = 0; i < 31; i++) {
    const t = nowMs();
    const res = await fetch(`${app.url}/admin/statements/${statementId}/queue`, {
      headers: { cookie: cookie() },
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    status = res.status;
    if (i > 0) {
      times.push(nowMs() - t); // the first view warms the path
    }
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  row({
    db: 'PostgreSQL',
    scenario: '11. staff queue with 20,000 pending look-alikes (30 views, one at a time)',
    baseline: '',
    ours: `p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms (status ${status})`,
    ratio: '',
    target: 'p95 < 200 ms',
    met: status === 200 && p95 < 200,
  });
}

/**
 * The committed BENCHMARKS.md's ratios, by database and scenario, read before it is rewritten:
 * a figure that fell by more than half is a regression to explain, not noise.
 */
export function committedRatios(file) {
  const out = new Map();
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    // | db | scenario | baseline | ours | ratio | target | met |
    if (cells.length < 8 || cells[1] === 'database' || cells[1].startsWith('---')) {
      continue;
    }
    const ratio = parseRatio(cells[5]);
    if (ratio !== undefined) {
      out.set(`${cells[1]}|${cells[2].replace(/\\\|/g, '|')}`, ratio);
    }
  }
  return out;
}

export function parseRatio(s) {
  const m = /^([\d.,]+)×$/.exec(String(s ?? '').trim());
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/** Rows whose ratio fell below half of the committed one. */
export function regressions(rows, committed) {
  const out = [];
  for (const r of rows) {
    const now = parseRatio(r.ratio);
    const before = committed.get(`${r.db}|${r.scenario}`);
    if (now !== undefined && before !== undefined && now < before / 2) {
      out.push({ row: r, before, now });
    }
  }
  return out;
}

/**
 * 8. Priority lanes (README "Updates to endorsers"): an update to 5,000 endorsers is sent with the
 * CLI (`update send`, as staff would), queued at a rate far above what the worker can send, so
 * the worker is saturated with update mail; meanwhile new endorsements are submitted one at a time
 * and their confirmation's submit → SMTP time is measured. Target: under 2 s, every one.
 */
export async function updateDrain({ app, sqlc, sink, statementId, slug, submitOne, step, row, fmt }) {
  const N = 5000;
  step(`update: ${fmt(N)} endorsers who asked for news`);
  const {
    rows: [org],
  } = await sqlc.query(
    `insert into organisations (normalised_name, country, name) values ('bench update union', 'FR', 'Bench Update Union')
     on conflict (normalised_name, country) do update set name = excluded.name returning id`,
  );
  // Confirmed, not yet listed: recipients of an update, and no clash with the one-public-per-organisation rule.
  await sqlc.query(
    `insert into endorsements (statement_id, organisation_id, display_name, org_type, country, contact_name,
                               email, email_normalised, locale, status, updates_opt_in, confirmed_at)
     select $1, $2, 'Bench Update Union ' || g, 'union', 'FR', 'Officer ' || g,
            'update-' || g || '@bench.example.org', 'update-' || g || '@bench.example.org', 'en', 'confirmed', true, now()
       from generate_series(1, ${N}) g`,
    [statementId, org.id],
  );
  const file = path.join(tempDir('update'), 'update.md');
  fs.writeFileSync(
    file,
    '---\nsubject: Delivered to the embassy\n---\nWe delivered the statement **today**.\n',
  );
  const before = sink.total;
  const t0 = nowMs();
  // 60,000 a minute: everything is due within 5 s, more than the worker sends — the worst case.
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'dist/cli.js'), 'update', 'send', slug, file, '--audience', 'opted_in'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...app.env,
        UPDATE_MAIL_PER_MINUTE: '60000',
      },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  step(`update: ${out.trim()}`);
  const queuedMs = nowMs() - t0;
  await waitFor(() => sink.total - before >= 50, 30_000, 'the update to start draining');

  step('update: confirmations submitted one at a time while it drains');
  const lat = [];
  let duringDrain = 0;
  for (let i = 0; i < 40 && sink.total - before < N; i++) {
    const to = `officer-during-update-${process.pid}-${i}@bench.example.org`;
    const t = nowMs();
    await submitOne(app, slug, to);
    await sink.until(() => sink.arrivals.has(to), 20_000);
    lat.push(sink.arrivals.get(to) - t);
    // Only confirmations that went out while update mail was still waiting count.
    if (sink.total - before < N) {
      duringDrain++;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await sink.until(() => sink.total - before >= N + lat.length, 600_000);
  const drainMs = nowMs() - t0;
  lat.sort((a, b) => a - b);
  const max = lat.at(-1) ?? Infinity;
  row({
    db: 'PostgreSQL',
    scenario: `8. mail: confirmation submit → SMTP while an update to ${fmt(N)} endorsers drains (${lat.length} submissions, ${duringDrain} during the drain)`,
    baseline: '',
    ours: `p50 ${fmt(percentile(lat, 50))} ms, p95 ${fmt(percentile(lat, 95))} ms, max ${fmt(max)} ms; update queued in ${fmt(queuedMs / 1000, 1)} s, all ${fmt(N)} sent in ${fmt(drainMs / 1000, 1)} s`,
    ratio: '',
    target: 'every one < 2 s',
    met: lat.length > 0 && duringDrain > 0 && max < 2000,
  });
}
