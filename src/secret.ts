import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

/**
 * The HMAC/session key: SECRET when set; otherwise (development only) one generated on first
 * run and kept in DATA_DIR, so links in already-sent emails keep working after a restart.
 */
export function loadSecret(config: Config): Buffer {
  if (config.secret) {
    return Buffer.from(config.secret, 'utf8');
  }
  if (config.production) {
    throw new Error('SECRET is required when NODE_ENV=production');
  }
  const file = path.join(path.resolve(config.dataDir), 'secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 64) {
      return Buffer.from(existing, 'hex');
    }
  } catch {
    /* not yet generated */
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh = randomBytes(32).toString('hex');
  fs.writeFileSync(file, fresh + '\n', { mode: 0o600 });
  return Buffer.from(fresh, 'hex');
}
