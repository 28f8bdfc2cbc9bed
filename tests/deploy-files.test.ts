import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../src/config.js';

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
  };

  it('runs PostgreSQL 16, Mailpit and the app built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'db', 'mail']);
    expect(compose.services.db?.image).toBe('postgres:16');
    expect(compose.services.mail?.image).toMatch(/^axllent\/mailpit/);
    expect(compose.services.app?.build).toBe('.');
    expect(Object.keys(compose.services.app?.depends_on ?? {}).sort()).toEqual(['db', 'mail']);
  });

  it("wires the app's environment to the database and mail services, and it parses as config", () => {
    const env = compose.services.app?.environment ?? {};
    const db = compose.services.db?.environment ?? {};
    expect(env.DATABASE_URL).toBe(`postgres://${db.POSTGRES_USER}:${db.POSTGRES_PASSWORD}@db:5432/${db.POSTGRES_DB}`);
    expect(env.SMTP_URL).toBe('smtp://mail:1025');
    const r = parseConfig({ ...env, SECRET: 'x'.repeat(64) });
    expect(r.ok ? 'ok' : r.errors).toBe('ok');
  });
});

describe('Dockerfile', () => {
  const text = fs.readFileSync('Dockerfile', 'utf8');
  it('is multi-stage, runs as a non-root user, and ships what the app reads at run time', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER node$/m);
    for (const dir of ['sql', 'emails', 'public', 'demo']) expect(text).toContain(`COPY ${dir} ./${dir}`);
  });
});
