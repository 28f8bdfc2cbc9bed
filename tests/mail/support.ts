import { fileURLToPath } from 'node:url';
import { FakeClock } from '../../src/clock.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { OutboxRow } from '../../src/db/database.js';
import { silentLog, type Log } from '../../src/log.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { loadTemplates } from '../../src/mail/templates.js';
import { createTransport, type MailTransport } from '../../src/mail/transport.js';
import { createMailWorker, type MailWorker, type MailWorkerOptions } from '../../src/mail/worker.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/** Test-only templates and words, so these tests do not depend on the real emails/ and catalogues. */
export const FIXTURE_EMAILS = fileURLToPath(new URL('./fixtures/emails/', import.meta.url));
export const FIXTURE_CATALOGUES = {
  en: {
    dir: 'ltr',
    messages: {
      'email.greeting.subject': 'Welcome, {name}',
      'email.greeting.dear': 'Dear {name},',
      'email.greeting.please': 'Please confirm:',
      'email.greeting.confirm': 'Confirm',
      'email.greeting.ignore': 'If you did nothing, ignore this email.',
    },
  },
  fr: {
    dir: 'ltr',
    messages: {
      'email.greeting.subject': 'Bienvenue, {name}',
      'email.greeting.dear': 'Bonjour {name},',
      'email.greeting.please': 'Merci de confirmer :',
      'email.greeting.confirm': 'Confirmer',
      'email.greeting.ignore': 'Si vous n’avez rien demandé, ignorez cet e-mail.',
    },
  },
} as const;
export const templates = loadTemplates({ dir: FIXTURE_EMAILS, catalogues: FIXTURE_CATALOGUES });

/** A sink that closes its connections at once when stopped (the default waits 30 s for clients to leave). */
export const startSink = (port = 0) => new SmtpSink({ closeTimeout: 50 }).start(port);

export interface MailSetup {
  database: TestDatabase;
  clock: FakeClock;
  config: Config;
  transport: MailTransport;
  worker: MailWorker;
  /** Queue a greeting to `to` (default data fills every template variable). */
  enqueue(to: string, data?: Record<string, string>, locale?: string): Promise<number>;
  row(id: number): Promise<OutboxRow>;
  rows(): Promise<OutboxRow[]>;
  close(): Promise<void>;
}

/** A migrated database, a FakeClock, a transport for `config` and a worker on the fixture templates. */
export async function mailSetup(
  opts: {
    config?: Partial<Config>;
    log?: Log;
    worker?: Partial<MailWorkerOptions>;
    database?: TestDatabase;
  } = {},
): Promise<MailSetup> {
  const database = opts.database ?? (await createTestDatabase());
  // A shared database starts each test with an empty outbox.
  if (opts.database) {
    await database.handle.db.deleteFrom('email_outbox').execute();
  }
  const clock = new FakeClock();
  const config = defaultConfig({
    publicUrl: 'http://localhost:3000',
    mailFrom: 'Undersigned <no-reply@undersigned.test>',
    ...opts.config,
  });
  const log = opts.log ?? silentLog;
  const transport = createTransport(config, log, { clock });
  const db = database.handle.db;
  const worker = createMailWorker({
    db,
    handle: database.handle,
    transport,
    templates,
    config,
    clock,
    log,
    ...opts.worker,
  });
  return {
    database,
    clock,
    config,
    transport,
    worker,
    enqueue: (to, data = { name: 'Ada', link: 'http://localhost:3000/confirm/abc' }, locale = 'en') =>
      enqueueMail(db, { template: 'greeting', locale, to, data }, clock.now()),
    row: (id) => db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    rows: () => db.selectFrom('email_outbox').selectAll().orderBy('id').execute(),
    async close() {
      await worker.stop();
      await transport.close();
      if (!opts.database) {
        await database.close();
      }
    },
  };
}
