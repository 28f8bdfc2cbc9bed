import fs from 'node:fs';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { Config } from '../../src/config.js';
import type { Db, EndorsementStatus, OrgType, StaffRole } from '../../src/db/database.js';
import { announceChange } from '../../src/changes/live-change.js';
import { transact } from '../../src/changes/transact.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import { hashPassword } from '../../src/staff/passwords.js';
import { saveStatementText } from '../../src/statements/queries.js';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';
import { insertEndorsement } from './fixtures.js';
import { startRealServer, type RealServer } from './real-server.js';
import { SmtpSink, type ReceivedMail } from './smtp-sink.js';

/** A phone (iPhone 12-ish) and a desktop window: the two sizes every screenshot is taken at. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** Context options for a phone: touch, mobile viewport. */
export const phone: BrowserContextOptions = {
  viewport: PHONE,
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** One file's world: the app as a real server, mail going out by real SMTP into a sink, one Chromium. */
export interface E2eApp {
  server: RealServer;
  sink: SmtpSink;
  browser: Browser;
  url: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * Start the app on PGlite (or a fresh database on DATABASE_URL's server) with its mail sent to an
 * in-process SMTP sink, and one browser for the whole file.
 */
export async function startE2eApp(overrides: Partial<Config> = {}): Promise<E2eApp> {
  const sink = await new SmtpSink().start();
  const server = await startRealServer({ smtpUrl: sink.url, ...overrides });
  const browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    sink,
    browser,
    url: server.url,
    db: server.deps.db,
    async close() {
      await browser.close();
      await server.close();
      await sink.stop();
    },
  };
}

export interface TextInput {
  locale: string;
  title: string;
  body: string;
}

/** An open statement with its texts (the first is authoritative); returns its id. */
export async function addStatement(
  db: Db,
  slug: string,
  texts: TextInput[],
  opts: { publishOn?: 'verified' | 'confirmed' } = {},
): Promise<number> {
  const now = new Date();
  let id = 0;
  await transact({ db }, async (trx, announce) => {
    for (const [i, t] of texts.entries()) {
      const r = await saveStatementText(
        trx,
        announce,
        { slug, ...t, open: i === 0, publishOn: opts.publishOn },
        now,
      );
      id = r.statementId;
    }
  });
  return id;
}

export interface Signatory {
  name: string;
  country: string;
  type?: OrgType;
  city?: string | null;
  members?: number | null;
  email?: string;
  status?: EndorsementStatus;
  locale?: string;
}

/** Endorsements straight into the database (the list a reader finds), announced to the live list. */
export async function addSignatories(db: Db, statementId: number, list: Signatory[]): Promise<number[]> {
  const ids: number[] = [];
  for (const s of list) {
    ids.push(
      await insertEndorsement(db, statementId, {
        name: s.name,
        country: s.country,
        type: s.type ?? 'union',
        city: s.city ?? null,
        members: s.members ?? 1000,
        website: null,
        status: s.status ?? 'verified',
        at: new Date(),
        ...(s.email ? { email: s.email } : {}),
        ...(s.locale ? { locale: s.locale } : {}),
      }),
    );
  }
  await announceChange(db, { kind: 'changed', statementId });
  return ids;
}

/** Cheap scrypt for test accounts (the cost travels with each hash). */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
export const STAFF_PASSWORD = 'correct horse battery staple';

/** A staff account that can sign in with STAFF_PASSWORD. */
export async function addStaff(db: Db, role: StaffRole, email: string, name: string) {
  return createStaffUser(db, { email, name, role }, await hashPassword(STAFF_PASSWORD, FAST), new Date());
}

/** The confirm or withdraw link in a mail, as a mail client shows it in the plain-text part. */
export function linkIn(mail: ReceivedMail, kind: 'confirm' | 'withdraw'): string {
  const m = new RegExp(`https?://[^\\s<>"]+/${kind}/[A-Za-z0-9_.-]+`).exec(mail.text);
  if (!m) {
    throw new Error(`no ${kind} link in the mail "${mail.subject}":\n${mail.text}`);
  }
  return m[0];
}

/** Wait for the next mail to this address that carries a link of this kind. */
export async function mailWithLink(
  sink: SmtpSink,
  to: string,
  kind: 'confirm' | 'withdraw',
  after = 0,
): Promise<{ mail: ReceivedMail; link: string }> {
  const found = await sink.waitFor(
    (m) => m.to.includes(to) && new RegExp(`/${kind}/`).test(m.text),
    after + 1,
  );
  const mail = found[found.length - 1]!;
  return { mail, link: linkIn(mail, kind) };
}
