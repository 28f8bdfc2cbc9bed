import type { OutboxRow } from '../../src/db/database.js';
import { postForm } from '../support/http.js';
import type { TestContext } from '../support/test-app.js';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink.js';

/** A form a union officer would send: every required field, plausibly filled. */
export function validForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    org_name: 'Syndicat des Soignants',
    org_type: 'union',
    country: 'FR',
    city: 'Lyon',
    website: 'https://soignants.example.org',
    members: '12 000',
    contact_name: 'Marie Curie',
    contact_role: 'Secrétaire générale',
    email: 'marie@soignants.example.org',
    authorised: 'yes',
    comment: 'Private note for the organisers',
    locale: 'en',
    homepage: '',
    ...overrides,
  };
}

export const endorse = (
  ctx: TestContext,
  slug: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) => postForm(ctx.app, `/s/${slug}/endorse`, fields, headers);

/** A sink that closes its connections at once when stopped. */
export const startSink = () => new SmtpSink({ closeTimeout: 50 }).start();

export async function outbox(ctx: TestContext): Promise<OutboxRow[]> {
  return ctx.deps.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
}

export async function endorsementsOf(ctx: TestContext, statementId: number) {
  return ctx.deps.db
    .selectFrom('endorsements')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('id')
    .execute();
}

/** The path (/confirm/… or /withdraw/…) of the first link of that kind in a text. */
export function linkPath(text: string, kind: 'confirm' | 'withdraw'): string {
  const m = new RegExp(`http://localhost:3000(/${kind}/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(text);
  if (!m) {
    throw new Error(`no ${kind} link in:\n${text}`);
  }
  return m[1]!;
}

/** The link as queued in the outbox (for tests about the pages rather than the mail). */
export function outboxLink(row: OutboxRow, kind: 'confirm' | 'withdraw'): string {
  const data = row.data as Record<string, string>;
  return linkPath(String(data[`${kind}Url`]), kind);
}

/**
 * NEEDS THE MAIL WORKER (src/mail/worker.ts): send what is queued through real SMTP and return the
 * mails that arrived for `to`.
 */
export async function deliver(
  ctx: TestContext,
  sink: SmtpSink,
  to: string,
  count = 1,
): Promise<ReceivedMail[]> {
  await ctx.worker.runOnce();
  return sink.waitFor((m) => m.to.includes(to), count, 5000);
}

/** Pull the value of a named hidden/text input out of a page. */
export function inputValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m?.[1];
}
