import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../src/config.js';

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<
      string,
      {
        image?: string;
        build?: string;
        environment?: Record<string, string>;
        depends_on?: Record<string, { condition?: string }>;
        healthcheck?: { test?: string[] };
        volumes?: string[];
      }
    >;
    volumes?: Record<string, unknown>;
  };

  it('runs PostgreSQL 16, Mailpit, two app processes built from the Dockerfile and nginx in front, each image pinned by version', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app1', 'app2', 'db', 'mail', 'nginx']);
    expect(compose.services.db?.image).toMatch(/^postgres:16\.\d+$/);
    expect(compose.services.mail?.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
    expect(compose.services.nginx?.image).toMatch(/^nginx:\d+\.\d+\.\d+(-alpine)?$/);
    for (const app of ['app1', 'app2']) {
      expect(compose.services[app]?.build).toBe('.');
      expect(Object.keys(compose.services[app]?.depends_on ?? {}).sort()).toEqual(['db', 'mail']);
    }
    expect(compose.services.nginx?.volumes).toContain(
      './deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro',
    );
  });

  it('serves the apps through nginx only, which they trust for the client address, at their PUBLIC_URL', () => {
    const nginx = compose.services.nginx as { ports?: string[] };
    expect(nginx.ports).toEqual(['8080:80']);
    for (const app of ['app1', 'app2']) {
      const svc = compose.services[app] as { ports?: string[]; environment?: Record<string, string> };
      expect(svc.ports).toBeUndefined();
      expect(svc.environment?.TRUST_PROXY).toBe('true');
      expect(svc.environment?.PUBLIC_URL).toBe('http://localhost:8080');
    }
    expect(Object.keys(compose.services.nginx?.depends_on ?? {}).sort()).toEqual(['app1', 'app2']);
  });

  it('checks the health of every service, and starts the app only once the database and mail are healthy', () => {
    const test = (name: string) => (compose.services[name]?.healthcheck?.test ?? []).join(' ');
    expect(test('db')).toMatch(/^CMD-SHELL pg_isready -U undersigned/);
    expect(test('mail')).toBe('CMD /mailpit readyz');
    expect(test('app1')).toMatch(/^CMD node -e fetch\('http:\/\/127\.0\.0\.1:3000\/healthz'\)/);
    expect(test('nginx')).toMatch(/\/healthz$/);
    const depends = compose.services.app1?.depends_on ?? {};
    expect(depends.db?.condition).toBe('service_healthy');
    expect(depends.mail?.condition).toBe('service_healthy');
  });

  it('keeps backups in a volume of their own, mounted where pg_dump runs', () => {
    expect(Object.keys(compose.volumes ?? {})).toContain('backups');
    expect(compose.services.db?.volumes).toContain('backups:/backups');
  });

  it("wires the app's environment to the database and mail services, and it parses as config", () => {
    const env = compose.services.app1?.environment ?? {};
    const db = compose.services.db?.environment ?? {};
    expect(env.DATABASE_URL).toBe(
      `postgres://${db.POSTGRES_USER}:${db.POSTGRES_PASSWORD}@db:5432/${db.POSTGRES_DB}`,
    );
    expect(env.SMTP_URL).toBe('smtp://mail:1025');
    expect(env.LOG_FORMAT).toBe('json');
    // As compose fills them in when the variable is unset: `${VAR:-default}` → default.
    const filled = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.replace(/^\$\{\w+:-([^}]*)\}$/, '$1')]),
    );
    const r = parseConfig({ ...filled, SECRET: 'x'.repeat(64) });
    expect(r.ok && r.config.metricsToken).toBeUndefined();
    expect(r.ok ? 'ok' : r.errors).toBe('ok');
  });
});

describe('deploy/nginx.conf', () => {
  const conf = fs.readFileSync('deploy/nginx.conf', 'utf8');
  it('balances two app processes, caches what the app says it may, streams live updates unbuffered', () => {
    const upstream = /upstream undersigned_app \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(upstream.match(/^\s*server app\d:3000/gm)).toHaveLength(2);
    const events = /location ~ \^\/s\/\[\^\/\]\+\/events\$ \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(events).toMatch(/proxy_buffering off;/);
    expect(events).toMatch(/proxy_cache off;/);
    const root = /location \/ \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(root).toMatch(/proxy_cache undersigned;/);
    expect(root).toMatch(/proxy_cache_lock on;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/proxy_set_header Host \$http_host;/);
    expect(/location \/admin \{([^}]*)\}/.exec(conf)?.[1]).toMatch(/proxy_cache off;/);
  });
});

describe('Dockerfile', () => {
  const text = fs.readFileSync('Dockerfile', 'utf8');
  it('is multi-stage on Node 24, runs as a non-root user, and ships what the app reads at run time', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text.match(/^FROM .*/gm)?.every((l) => l.startsWith('FROM node:24-bookworm-slim'))).toBe(true);
    expect(text).toMatch(/^HEALTHCHECK .*\/healthz/m);
    expect(text).toMatch(/^USER node$/m);
    for (const dir of ['sql', 'emails', 'public', 'demo']) {
      expect(text).toContain(`COPY ${dir} ./${dir}`);
    }
  });
});
