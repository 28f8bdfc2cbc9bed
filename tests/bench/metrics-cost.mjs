// Ad-hoc: the cost of request metrics on the hottest public page (cached statement page), measured as
// req/s with METRICS_TOKEN unset (no timing at all) and set (one histogram observation per request),
// runs alternated to spread the machine's noise, next to the bare Hono hello baseline.
// Usage: npm run build && node tests/bench/metrics-cost.mjs   (ROUNDS=3 SECONDS=8)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { cannon, freePort, ROOT, spawnHelper, waitFor } from './lib.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 8);

async function startApp(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: 'memory://', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    () =>
      fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
    'app not healthy',
  );
  return { url, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

const hello = spawnHelper('hello.mjs');
const { port: helloPort } = await hello.next('ready', 20_000);
const results = { hello: [], off: [], on: [] };
const page = '/s/fair-deal-for-care-workers';
for (let round = 0; round < ROUNDS; round++) {
  results.hello.push((await cannon({ url: `http://127.0.0.1:${helloPort}/`, duration: SECONDS })).rps);
  for (const [name, env] of [
    ['off', {}],
    ['on', { METRICS_TOKEN: 'bench-metrics-token-0123456789' }],
  ]) {
    const app = await startApp(env);
    results[name].push((await cannon({ url: app.url + page, duration: SECONDS })).rps);
    await app.stop();
  }
  console.log(
    `round ${round + 1}:`,
    Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v.at(-1))])),
  );
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
console.log(
  `median req/s — hello ${Math.round(m.hello)}, page without metrics ${Math.round(m.off)} (${(m.off / m.hello).toFixed(3)}× hello), ` +
    `page with metrics ${Math.round(m.on)} (${(m.on / m.hello).toFixed(3)}× hello, ${(((m.on - m.off) / m.off) * 100).toFixed(1)} % vs without)`,
);
hello.stop();
