import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { defaultConfig, type Config } from '../../src/config.js';
import { silentLog, type Log } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { TEST_DATABASE_URL, withDatabase } from './test-db.js';

export interface RealServer extends RunningServer {
  close(): Promise<void>;
}

/**
 * The app as a real HTTP server on 127.0.0.1 (random port), on a throw-away PGlite or a fresh
 * database on the PostgreSQL server of DATABASE_URL — for browser and SSE tests.
 */
export async function startRealServer(
  overrides: Partial<Config> = {},
  log: Log = silentLog,
): Promise<RealServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-real-'));
  let dbName: string | undefined;
  let databaseUrl = 'memory://';
  if (TEST_DATABASE_URL) {
    dbName = `undersigned_e2e_${randomBytes(6).toString('hex')}`;
    await admin(`create database ${dbName}`);
    databaseUrl = withDatabase(TEST_DATABASE_URL, dbName);
  }
  // Links in emails must point at the real port, so pick it before starting.
  const port = overrides.port ?? (await freePort());
  const config = defaultConfig({
    port,
    host: '127.0.0.1',
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    dataDir,
    secret: randomBytes(32).toString('hex'),
    ...overrides,
  });
  const running = await startServer(config, log);
  return {
    ...running,
    async close() {
      await running.stop();
      if (dbName) {
        await admin(`drop database if exists ${dbName} with (force)`);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function admin(text: string) {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
