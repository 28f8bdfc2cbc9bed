import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { defaultMaxStreams, openFilesLimit } from '../src/live/stream-registry.js';

describe('configuration from the environment', () => {
  it('gives the documented defaults when nothing is set', () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: './data',
      smtpUrl: undefined,
      mailFrom: 'Undersigned <no-reply@localhost>',
      trustProxy: false,
      production: false,
      dkim: undefined,
    });
  });

  it('reads every variable', () => {
    const r = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://sign.example.org/',
      DATABASE_URL: 'postgres://u:p@db:5432/undersigned',
      DATA_DIR: '/var/lib/undersigned',
      SMTP_URL: 'smtps://u:p@mail.example.org:465',
      MAIL_FROM: 'Campaign <campaign@example.org>',
      SECRET: 'x'.repeat(40),
      TRUST_PROXY: 'true',
      NODE_ENV: 'production',
      DKIM_DOMAIN: 'example.org',
      DKIM_SELECTOR: 's1',
      DKIM_PRIVATE_KEY_FILE: '/run/secrets/dkim.pem',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://sign.example.org',
      databaseUrl: 'postgres://u:p@db:5432/undersigned',
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      trustProxy: true,
      production: true,
      dkim: { domain: 'example.org', selector: 's1', privateKeyFile: '/run/secrets/dkim.pem' },
    });
  });

  it('PUBLIC_URL follows PORT by default', () => {
    const r = parseConfig({ PORT: '4100' });
    expect(r.ok && r.config.publicUrl).toBe('http://localhost:4100');
  });

  it('accepts memory:// as a throw-away database', () => {
    const r = parseConfig({ DATABASE_URL: 'memory://' });
    expect(r.ok && r.config.databaseUrl).toBe('memory://');
  });

  it('reports one line per bad variable, naming it', () => {
    const r = parseConfig({
      PORT: 'eighty',
      PUBLIC_URL: 'ftp://x',
      DATABASE_URL: 'mysql://x',
      SECRET: 'short',
      TRUST_PROXY: 'maybe',
    });
    expect(r.ok).toBe(false);
    if (r.ok) {
      return;
    }
    const vars = r.errors.map((e) => e.split(':')[0]);
    expect(vars.sort()).toEqual(['DATABASE_URL', 'PORT', 'PUBLIC_URL', 'SECRET', 'TRUST_PROXY']);
    expect(r.errors.find((e) => e.startsWith('PORT'))).toMatch(/port number/);
  });

  it('requires SECRET in production', () => {
    const r = parseConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' });
    expect(r).toEqual({ ok: false, errors: [expect.stringMatching(/^SECRET: is required/)] });
  });

  it('requires SMTP_URL in production: the development mailbox would show every email to anyone', () => {
    const r = parseConfig({ NODE_ENV: 'production', SECRET: 'x'.repeat(40) });
    expect(r).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^SMTP_URL: is required when NODE_ENV=production/)],
    });
  });

  it('refuses a partial DKIM configuration', () => {
    const r = parseConfig({ DKIM_DOMAIN: 'example.org' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatch(/DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE/);
    }
  });

  it('reads rate limits as a count per window, up to a day', () => {
    const r = parseConfig({ RATE_LIMIT_ENDORSE_PER_IP: '50/5m', RATE_LIMIT_ENDORSE_PER_EMAIL: '3' });
    expect(r.ok && r.config.rateLimits.endorsePerIp).toEqual({ limit: 50, windowSeconds: 300 });
    expect(r.ok && r.config.rateLimits.endorsePerEmail).toEqual({ limit: 3, windowSeconds: 3600 });
    const bad = parseConfig({ RATE_LIMIT_ENDORSE_PER_IP: '1/48h', RATE_LIMIT_ENDORSE_PER_STATEMENT: 'lots' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'RATE_LIMIT_ENDORSE_PER_IP',
      'RATE_LIMIT_ENDORSE_PER_STATEMENT',
    ]);
  });

  it('bounds live streams: 16 per client, SSE_MAX from the open-files limit (0 = the same), 30 minutes each', () => {
    const auto = { maxPerClient: 16, max: defaultMaxStreams(openFilesLimit()), maxAgeSeconds: 1800 };
    const r = parseConfig({});
    expect(r.ok && r.config.sseLimits).toEqual(auto);
    expect(auto.max).toBeGreaterThanOrEqual(64);
    const zero = parseConfig({ SSE_MAX: '0' });
    expect(zero.ok && zero.config.sseLimits).toEqual(auto);
    const set = parseConfig({ SSE_MAX_PER_CLIENT: '4', SSE_MAX: '12000', SSE_MAX_AGE_SECONDS: '600' });
    expect(set.ok && set.config.sseLimits).toEqual({ maxPerClient: 4, max: 12_000, maxAgeSeconds: 600 });
    const bad = parseConfig({ SSE_MAX_PER_CLIENT: '0', SSE_MAX: 'lots', SSE_MAX_AGE_SECONDS: '2' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'SSE_MAX',
      'SSE_MAX_AGE_SECONDS',
      'SSE_MAX_PER_CLIENT',
    ]);
  });

  it('reads LOG_FORMAT (text by default, or json) and METRICS_TOKEN (unset: no /metrics; at least 16 characters)', () => {
    const d = parseConfig({});
    expect(d.ok && { f: d.config.logFormat, t: d.config.metricsToken }).toEqual({ f: 'text', t: undefined });
    const r = parseConfig({ LOG_FORMAT: 'json', METRICS_TOKEN: 'a'.repeat(16) });
    expect(r.ok && { f: r.config.logFormat, t: r.config.metricsToken }).toEqual({
      f: 'json',
      t: 'a'.repeat(16),
    });
    for (const [env, variable] of [
      [{ LOG_FORMAT: 'yaml' }, 'LOG_FORMAT'],
      [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
      [{ METRICS_TOKEN: 'has a space in it, sixteen+' }, 'METRICS_TOKEN'],
    ] as const) {
      const bad = parseConfig(env);
      expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0])).toEqual([variable]);
    }
  });

  it('treats empty variables as unset', () => {
    const r = parseConfig({ PORT: '', SMTP_URL: '' });
    expect(r.ok && r.config.port).toBe(3000);
    expect(r.ok && r.config.smtpUrl).toBeUndefined();
  });
});
