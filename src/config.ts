import * as v from 'valibot';
import { defaultMaxStreams, openFilesLimit, type StreamLimits } from './live/stream-registry.js';

/** Typed configuration. Built only from the environment in main.ts/cli.ts; tests build it directly. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** `postgres://…`, `memory://`, or undefined for the embedded database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Explicit secret; when undefined outside production one is generated and kept in dataDir. */
  secret: string | undefined;
  trustProxy: boolean;
  production: boolean;
  dkim: { domain: string; selector: string; privateKeyFile: string } | undefined;
  /** Days after which endorsements never confirmed are purged. */
  purgePendingAfterDays: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `text`: one readable line per entry (the default); `json`: one JSON object per line, for log collectors. */
  logFormat: 'text' | 'json';
  /** Bearer token for GET /metrics; undefined: no /metrics at all (404). */
  metricsToken: string | undefined;
  /** How long a mail claimed by a worker stays its own; after a crash it is sent again once this passes. */
  mailLeaseSeconds: number;
  /** Updates to endorsers leave at most this many mails a minute (a lane below transactional mail). */
  updateMailPerMinute: number;
  /** Endorsement form limits (README "Security"): generous enough for a federation's burst, tight enough for a flood. */
  rateLimits: { endorsePerIp: RateSetting; endorsePerEmail: RateSetting; endorsePerStatement: RateSetting };
  /** Proof-of-work on the endorsement form: leading zero bits required (0 = off; 18 ≈ 2^18 hashes). */
  powDifficulty: number;
  /** Proof-of-work switched on by itself for a statement whose ceiling was reached: bits (0 = never) and minutes. */
  powAuto: { difficulty: number; minutes: number };
  /** Host names (or host:port) served besides PUBLIC_URL's; any other Host gets 421. */
  allowedHosts: string[];
  /** Serve the development mailbox even when not bound to a loopback address (DEV_MAILBOX=1). */
  devMailbox: boolean;
  /** Live streams (SSE): per client, per process, lifetime. Tests may use a fractional lifetime. */
  sseLimits: StreamLimits;
}

/** "N per window": `20/10m` = 20 requests per 10-minute window. */
export interface RateSetting {
  limit: number;
  windowSeconds: number;
}

const boolString = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no', ''], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);

const port = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d{1,5}$/, 'must be a port number'),
  v.transform(Number),
  v.number(),
  v.minValue(0, 'must be a port number'),
  v.maxValue(65535, 'must be a port number'),
);

const httpUrl = v.pipe(
  v.string(),
  v.trim(),
  v.url('must be an absolute URL such as https://sign.example.org'),
  v.check((s) => /^https?:\/\//i.test(s), 'must start with http:// or https://'),
  v.transform((s) => s.replace(/\/+$/, '')),
);

const databaseUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (s) => s === '' || s === 'memory://' || /^postgres(ql)?:\/\//i.test(s),
    'must be postgres://user:pass@host:5432/db or memory://',
  ),
);

const smtpUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => s === '' || /^smtps?:\/\//i.test(s), 'must be smtp://user:pass@host:587 or smtps://…'),
);

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;
const rateSetting = (defaultWindow: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d{1,9}(\/\d{1,5}[smh])?$/, 'must be a count per window, such as 20/10m (units s, m, h)'),
    v.transform((s): RateSetting => {
      const [count, window = defaultWindow] = s.split('/');
      const unit = window.slice(-1) as keyof typeof UNIT_SECONDS;
      return { limit: Number(count), windowSeconds: Number(window.slice(0, -1)) * UNIT_SECONDS[unit] };
    }),
    v.check(
      (r) => r.limit >= 1 && r.windowSeconds >= 1,
      'must allow at least 1 request in a window of at least 1 second',
    ),
    // Counters older than a day are purged, so a longer window would silently reset.
    v.check((r) => r.windowSeconds <= 86_400, 'the window can be at most 24h'),
  );

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

const EnvSchema = v.object({
  PORT: v.optional(port, '3000'),
  HOST: v.optional(nonEmpty, '127.0.0.1'),
  PUBLIC_URL: v.optional(httpUrl),
  DATABASE_URL: v.optional(databaseUrl),
  DATA_DIR: v.optional(nonEmpty, './data'),
  SMTP_URL: v.optional(smtpUrl),
  MAIL_FROM: v.optional(nonEmpty, 'Undersigned <no-reply@localhost>'),
  SECRET: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => Buffer.byteLength(s) >= 32, 'must be at least 32 bytes long'),
    ),
  ),
  TRUST_PROXY: v.optional(boolString, 'false'),
  NODE_ENV: v.optional(v.string(), 'development'),
  DKIM_DOMAIN: v.optional(nonEmpty),
  DKIM_SELECTOR: v.optional(nonEmpty),
  DKIM_PRIVATE_KEY_FILE: v.optional(nonEmpty),
  LOG_LEVEL: v.optional(
    v.picklist(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error'),
    'info',
  ),
  LOG_FORMAT: v.optional(v.picklist(['text', 'json'], 'must be text or json'), 'text'),
  METRICS_TOKEN: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^[\x21-\x7e]+$/,
        'must be printable ASCII with no spaces (it goes in an Authorization header)',
      ),
      v.minLength(16, 'must be at least 16 characters, e.g. METRICS_TOKEN=$(openssl rand -hex 32)'),
    ),
  ),
  MAIL_LEASE_SECONDS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'must be a whole number of seconds'),
      v.transform(Number),
      v.minValue(5, 'must be at least 5'),
    ),
    '300',
  ),
  UPDATE_MAIL_PER_MINUTE: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^\d{1,6}$/, 'must be a whole number of mails per minute'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
    ),
    '600',
  ),
  RATE_LIMIT_ENDORSE_PER_IP: v.optional(rateSetting('10m'), '30/10m'),
  RATE_LIMIT_ENDORSE_PER_EMAIL: v.optional(rateSetting('1h'), '10/1h'),
  RATE_LIMIT_ENDORSE_PER_STATEMENT: v.optional(rateSetting('1m'), '3000/1m'),
  POW_DIFFICULTY: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,2}$/, 'must be a whole number from 0 (off) to 28'),
      v.transform(Number),
      v.maxValue(28, 'must be at most 28'),
    ),
    '0',
  ),
  POW_AUTO_DIFFICULTY: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,2}$/, 'must be a whole number from 0 (never) to 28'),
      v.transform(Number),
      v.maxValue(28, 'must be at most 28'),
    ),
    '16',
  ),
  POW_AUTO_MINUTES: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'must be a whole number of minutes'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
    ),
    '30',
  ),
  ALLOWED_HOSTS: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) =>
        s
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
      v.check(
        (hosts) => hosts.every((h) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)),
        'must be a comma-separated list of host names, such as sign.example.org,www.example.org:8443',
      ),
    ),
    '',
  ),
  DEV_MAILBOX: v.optional(boolString, 'false'),
  SSE_MAX_PER_CLIENT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, 'must be a whole number of streams'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
    ),
    '16',
  ),
  // 0 (or unset) = from the open-files limit, see defaultMaxStreams.
  SSE_MAX: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,7}$/, 'must be a whole number of streams (0 = automatic)'),
      v.transform(Number),
    ),
    '0',
  ),
  SSE_MAX_AGE_SECONDS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, 'must be a whole number of seconds'),
      v.transform(Number),
      // Shorter lifetimes turn every reader into a reconnection every few seconds.
      v.minValue(10, 'must be at least 10'),
      v.maxValue(86_400, 'must be at most 86400 (a day)'),
    ),
    '1800',
  ),
  PURGE_PENDING_AFTER_DAYS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'must be a whole number of days'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
    ),
    '30',
  ),
});

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parse the environment once, at the edge, so a bad value stops the process with one line per variable. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(
    Object.keys(EnvSchema.entries).flatMap((k) =>
      env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]],
    ),
  );
  const result = v.safeParse(EnvSchema, cleaned);
  if (!result.success) {
    const errors = result.issues.map((issue) => {
      const key = issue.path?.map((p) => String(p.key)).join('.') ?? '(environment)';
      return `${key}: ${issue.message}`;
    });
    return { ok: false, errors };
  }
  const e = result.output;
  const errors: string[] = [];
  const production = e.NODE_ENV === 'production';
  if (production && !e.SECRET) {
    errors.push('SECRET: is required when NODE_ENV=production (at least 32 random bytes)');
  }
  // Without SMTP, mail goes to the development mailbox at /dev/mail — readable by anyone, links included.
  if (production && !e.SMTP_URL) {
    errors.push(
      'SMTP_URL: is required when NODE_ENV=production (the development mailbox is for trying things out only)',
    );
  }
  const dkimSet = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY_FILE].filter(Boolean).length;
  if (dkimSet > 0 && dkimSet < 3) {
    errors.push('DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: set all three to sign mail, or none');
  }
  if (errors.length) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      databaseUrl: e.DATABASE_URL || undefined,
      dataDir: e.DATA_DIR,
      smtpUrl: e.SMTP_URL || undefined,
      mailFrom: e.MAIL_FROM,
      secret: e.SECRET,
      trustProxy: e.TRUST_PROXY,
      production,
      dkim:
        e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY_FILE
          ? { domain: e.DKIM_DOMAIN, selector: e.DKIM_SELECTOR, privateKeyFile: e.DKIM_PRIVATE_KEY_FILE }
          : undefined,
      purgePendingAfterDays: e.PURGE_PENDING_AFTER_DAYS,
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT,
      metricsToken: e.METRICS_TOKEN,
      mailLeaseSeconds: e.MAIL_LEASE_SECONDS,
      updateMailPerMinute: e.UPDATE_MAIL_PER_MINUTE,
      rateLimits: {
        endorsePerIp: e.RATE_LIMIT_ENDORSE_PER_IP,
        endorsePerEmail: e.RATE_LIMIT_ENDORSE_PER_EMAIL,
        endorsePerStatement: e.RATE_LIMIT_ENDORSE_PER_STATEMENT,
      },
      powDifficulty: e.POW_DIFFICULTY,
      powAuto: { difficulty: e.POW_AUTO_DIFFICULTY, minutes: e.POW_AUTO_MINUTES },
      allowedHosts: e.ALLOWED_HOSTS,
      devMailbox: e.DEV_MAILBOX,
      sseLimits: {
        maxPerClient: e.SSE_MAX_PER_CLIENT,
        max: e.SSE_MAX || defaultMaxStreams(openFilesLimit()),
        maxAgeSeconds: e.SSE_MAX_AGE_SECONDS,
      },
    },
  };
}

/** Defaults for tests and tools that build a Config without an environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const parsed = parseConfig({});
  if (!parsed.ok) {
    throw new Error(parsed.errors.join('\n'));
  }
  return { ...parsed.config, ...overrides };
}
