// Shared helpers for the benchmark (BENCHMARKS.md): real processes on 127.0.0.1, bounded waits.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const BENCH_DIR = path.join(ROOT, 'tests/bench');

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `undersigned-bench-${prefix}-`));
}

/** Poll (never a blind sleep) until check() holds, or fail after timeoutMs. */
export async function waitFor(check, timeoutMs, message, everyMs = 25) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(typeof message === 'function' ? message() : message);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** A command line run through bash with the open-files limit raised as far as the machine allows. */
export function withFdLimit(argv) {
  const quoted = argv.map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  return ['bash', ['-c', `ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${quoted}`]];
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Throw-away PostgreSQL cluster (scripts/pg-throwaway.sh): never the system service. */
export class PgCluster {
  static start() {
    const out = execFileSync('bash', [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'start'], {
      encoding: 'utf8',
    });
    const env = Object.fromEntries([...out.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    const c = new PgCluster();
    Object.assign(c, { tmp: env.PG_TMP, port: Number(env.PG_PORT), bin: env.PG_BIN, url: env.PG_URL });
    return c;
  }

  urlFor(db) {
    const u = new URL(this.url);
    u.pathname = `/${db}`;
    return u.toString();
  }

  destroy() {
    try {
      execFileSync('bash', [path.join(ROOT, 'scripts/pg-throwaway.sh'), 'stop', this.tmp], {
        stdio: 'ignore',
      });
    } catch {
      /* best effort */
    }
  }
}

/** `node dist/main.js` as its own process (fd limit raised, so it can hold 10,000 SSE clients). */
export class AppProcess {
  constructor(env, port) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.env = env;
    this.output = '';
    this.child = undefined;
  }

  static async create(env = {}) {
    const port = await freePort();
    return new AppProcess(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
        // Generous limits: the benchmark measures throughput, not the flood defences.
        RATE_LIMIT_ENDORSE_PER_IP: '999999999/1m',
        RATE_LIMIT_ENDORSE_PER_EMAIL: '999999999/1m',
        RATE_LIMIT_ENDORSE_PER_STATEMENT: '999999999/1m',
        // Every SSE client of the benchmark comes from 127.0.0.1: one client, as the per-client cap sees it.
        SSE_MAX_PER_CLIENT: '999999',
        ...env,
      },
      port,
    );
  }

  /** Spawn and wait for the first 200 from /healthz; resolves with the milliseconds that took. */
  async start({ timeoutMs = 60_000, nodeArgs = [] } = {}) {
    const [cmd, args] = withFdLimit([process.execPath, ...nodeArgs, path.join(ROOT, 'dist/main.js')]);
    const t0 = nowMs();
    this.child = spawn(cmd, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (d) => (this.output += d.toString()));
    this.child.stderr.on('data', (d) => (this.output += d.toString()));
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    let dead = false;
    exited.then(() => (dead = true));
    await waitFor(
      async () => {
        if (dead) {
          throw new Error(`app exited before it was healthy:\n${this.output}`);
        }
        return healthy(this.url);
      },
      timeoutMs,
      () => `app did not become healthy:\n${this.output}`,
      10,
    );
    return nowMs() - t0;
  }

  get pid() {
    return this.child?.pid;
  }

  async stop(timeoutMs = 20_000) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

function healthy(url) {
  return new Promise((resolve) => {
    const req = net.connect({ host: '127.0.0.1', port: Number(new URL(url).port) }, () => {
      req.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    req.setTimeout(2000, () => req.destroy());
    req.on('data', (d) => (data += d.toString()));
    req.on('close', () => resolve(/^HTTP\/1\.1 200/.test(data)));
    req.on('error', () => resolve(false));
  });
}

/** A helper process (hello baseline, SMTP sink, SSE clients) speaking to us over IPC. */
export function spawnHelper(script, args = [], { fdLimit = false, env = {} } = {}) {
  const argv = [process.execPath, path.join(BENCH_DIR, script), ...args];
  const [cmd, cmdArgs] = fdLimit ? withFdLimit(argv) : [argv[0], argv.slice(1)];
  const child = spawn(cmd, cmdArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set();
  child.on('message', (m) => {
    for (const l of listeners) {
      l(m);
    }
  });
  return {
    child,
    send: (m) => child.send(m),
    /** The next message of a type (bounded). */
    next(type, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(on);
          reject(new Error(`${script}: no '${type}' within ${timeoutMs} ms`));
        }, timeoutMs);
        const on = (m) => {
          if (m.type === type) {
            clearTimeout(timer);
            listeners.delete(on);
            resolve(m);
          } else if (m.type === 'error') {
            clearTimeout(timer);
            listeners.delete(on);
            reject(new Error(`${script}: ${m.message}`));
          }
        };
        listeners.add(on);
      });
    },
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One autocannon run; a short warm-up run first (JIT, caches, pools) whose numbers are discarded. */
export async function cannon(opts, { warmupSeconds = 1 } = {}) {
  const base = { connections: 64, pipelining: 1, timeout: 10, ...opts };
  if (warmupSeconds > 0) {
    await runCannon({ ...base, duration: warmupSeconds });
  }
  const r = await runCannon(base);
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytesPerReq: r.requests.total ? r.throughput.total / r.requests.total : 0,
    errors: r.errors + r.timeouts,
    codes,
    duration: r.duration,
  };
}

function runCannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    // Never let a stuck run outlive its duration by much.
    const guard = setTimeout(() => inst.stop(), (opts.duration + 15) * 1000);
    inst.on('done', () => clearTimeout(guard));
  });
}

export function percentile(sorted, p) {
  if (!sorted.length) {
    return NaN;
  }
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
