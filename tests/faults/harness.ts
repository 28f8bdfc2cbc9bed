import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../support/real-server.js';
import { SmtpSink } from '../support/smtp-sink.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/pg-throwaway.sh');

/** A PostgreSQL cluster of our own, so a test may restart it under the app. */
export class PgCluster {
  private constructor(
    readonly tmp: string,
    readonly port: number,
    readonly bin: string,
    readonly url: string,
  ) {}

  static start(): PgCluster {
    const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
    const env = Object.fromEntries([...out.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    return new PgCluster(env.PG_TMP!, Number(env.PG_PORT), env.PG_BIN!, env.PG_URL!);
  }

  private pgctl(...args: string[]) {
    const run = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    const cmd = [...run, path.join(this.bin, 'pg_ctl'), '-D', path.join(this.tmp, 'data'), ...args];
    execFileSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  }

  stopServer() {
    this.pgctl('-m', 'fast', '-w', 'stop');
  }

  startServer() {
    this.pgctl(
      '-l',
      path.join(this.tmp, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.tmp} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`,
      'start',
    );
  }

  async query<T extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    params: unknown[] = [],
    db = 'undersigned',
  ): Promise<T[]> {
    const c = new pg.Client({ connectionString: this.urlFor(db) });
    await c.connect();
    try {
      return (await c.query<T>(text, params)).rows;
    } finally {
      await c.end();
    }
  }

  urlFor(db: string) {
    const u = new URL(this.url);
    u.pathname = `/${db}`;
    return u.toString();
  }

  async createDatabase(name = 'undersigned') {
    await this.query(`create database ${name}`, [], 'postgres');
    return this.urlFor(name);
  }

  destroy() {
    execFileSync('bash', [SCRIPT, 'stop', this.tmp], { stdio: 'ignore' });
  }
}

/** The app as a separate `node dist/main.js` process, so it can be killed for real. */
export class AppProcess {
  child: ChildProcess | undefined;
  output = '';
  readonly url: string;
  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(env: Record<string, string>) {
    const port = await freePort();
    return new AppProcess(port, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-fault-')),
      ...env,
    });
  }

  async start(timeoutMs = 20_000) {
    this.child = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    await waitFor(
      async () =>
        await fetch(`${this.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      timeoutMs,
      () => `app did not become healthy:\n${this.output}`,
    );
  }

  kill9() {
    this.child?.kill('SIGKILL');
  }

  /** SIGTERM and wait for the exit code. */
  async terminate(timeoutMs = 20_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      return child?.exitCode ?? null;
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Poll a condition (never a blind sleep): resolves as soon as it holds, fails with a message after the timeout. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  message: () => string,
  everyMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(message());
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs `count` tasks with at most `concurrency` at once; every task settles (bounded, stops by itself). */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i).then(
          (value) => ({ status: 'fulfilled' as const, value }),
          (reason: unknown) => ({ status: 'rejected' as const, reason }),
        );
      }
    }),
  );
  return results;
}

export function endorsementForm(i: number, slug: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    org_name: `Fault Test Union ${i}`,
    org_type: 'union',
    country: 'FR',
    city: 'Lyon',
    contact_name: `Officer ${i}`,
    email: `officer${i}@fault${i}.example.org`,
    authorised: 'on',
    locale: 'en',
    ...extra,
  }).toString();
}

export async function submitEndorsement(app: AppProcess, slug: string, i: number): Promise<number> {
  const res = await fetch(`${app.url}/s/${slug}/endorse`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
    body: endorsementForm(i, slug),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Publish an open statement through the CLI, as staff would. */
export function importStatement(env: Record<string, string>, slug: string, extra = '') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-stmt-'));
  const file = path.join(dir, `${slug}.md`);
  fs.writeFileSync(
    file,
    `---\nslug: ${slug}\ntitle: Fault test ${slug}\nlocale: en\n${extra}---\nWe stand together.\n`,
  );
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'statement', 'import', file, '--open'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'pipe',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One fault scenario's world: a PostgreSQL cluster of its own, an SMTP sink, and one app with an open statement. */
export interface Rig {
  cluster: PgCluster;
  /** The database URL the app uses. */
  databaseUrl: string;
  sink: SmtpSink;
  app: AppProcess;
  /** Another app process on the same database, mail server and secret (started); `env` overrides. */
  addApp(env?: Record<string, string>): Promise<AppProcess>;
  /** Kill every process and remove every temp folder, whatever state the test left. */
  stop(): Promise<void>;
}

export async function startRig(slug: string, env: Record<string, string> = {}): Promise<Rig> {
  const cluster = PgCluster.start();
  const sink = await new SmtpSink().start();
  const apps: AppProcess[] = [];
  const rig: Rig = {
    cluster,
    sink,
    databaseUrl: '',
    app: undefined as unknown as AppProcess,
    async addApp(env = {}) {
      const { PORT: _p, PUBLIC_URL: _u, DATA_DIR: _d, ...shared } = rig.app.env;
      const other = await AppProcess.create({ ...shared, ...env });
      apps.push(other);
      await other.start();
      return other;
    },
    async stop() {
      for (const a of apps) {
        a.kill9();
      }
      await Promise.all(apps.map((a) => a.exited()));
      for (const a of apps) {
        fs.rmSync(a.env.DATA_DIR!, { recursive: true, force: true });
      }
      await rig.sink.stop().catch(() => undefined);
      cluster.destroy();
    },
  };
  try {
    rig.databaseUrl = await cluster.createDatabase();
    rig.app = await AppProcess.create({
      DATABASE_URL: rig.databaseUrl,
      SMTP_URL: sink.url,
      RATE_LIMIT_ENDORSE_PER_IP: '100000',
      ...env,
    });
    apps.push(rig.app);
    importStatement(rig.app.env, slug);
    await rig.app.start();
    return rig;
  } catch (err) {
    await rig.stop();
    throw err;
  }
}

/** A reader's live connection (`GET /s/:slug/events`), collecting everything it receives. */
export async function openEvents(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const stream = { status: res.status, text: '', ended: undefined as unknown as Promise<void> };
  stream.ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        return;
      }
      stream.text += decoder.decode(value, { stream: true });
    }
  })();
  return Object.assign(stream, {
    async close() {
      controller.abort();
      await stream.ended;
    },
  });
}
