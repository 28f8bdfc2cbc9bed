import type { DbOrTx, PublishOn } from '../db/database.js';
import type { Deps } from '../deps.js';
import { dayOne, isLocale } from '../i18n/i18n.js';
import { enqueueMail, type QueuedMail } from '../mail/outbox.js';
import { titleFor } from '../statements/queries.js';
import { CONFIRM_TTL_MS, confirmUrl, withdrawUrl } from './tokens.js';

/** Email template names this feature sends to signers (files in emails/). */
export const TEMPLATES = {
  confirm: 'confirm-endorsement',
  alreadyListed: 'endorsement-already-listed',
  confirmed: 'endorsement-confirmed',
  withdrawn: 'endorsement-withdrawn',
} as const;

/** Templates of staff decisions' emails. */
export const DECISION_TEMPLATES = {
  published: 'endorsement-published',
  rejected: 'endorsement-rejected',
} as const;

export interface MailTarget {
  endorsementId: number | null;
  statementId: number;
  slug: string;
  locale: string;
  to: string;
  organisation: string;
  /** The title in the signer's language when the caller already has the statement (saves a query). */
  title?: string;
}

type MailDeps = Pick<Deps, 'config' | 'secret'>;

// Intl formatters are costly to build and immutable: one per locale, kept (a few per language).
const dayFormats = new Map<string, Intl.NumberFormat>();
const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** "7 days" / "7 jours": durations are formatted for the reader before they reach a template. */
export function formatDays(locale: string, days: number): string {
  let f = dayFormats.get(locale);
  if (!f) {
    dayFormats.set(
      locale,
      (f = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' })),
    );
  }
  return f.format(days);
}

/** An exact moment, in the reader's language, with its time zone spelled out. */
export function formatMoment(locale: string, d: Date): string {
  let f = momentFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    momentFormats.set(locale, f);
  }
  return dayOne(locale, f, d);
}

async function common(trx: DbOrTx, deps: MailDeps, m: MailTarget) {
  return commonWith(deps, m, m.title ?? ((await titleFor(trx, m.statementId, m.locale)) || m.slug));
}

function commonWith(deps: MailDeps, m: MailTarget, statementTitle: string) {
  return {
    statementTitle,
    organisation: m.organisation,
    // In the signer's language, like the mail itself.
    statementUrl: `${deps.config.publicUrl}/s/${m.slug}${isLocale(m.locale) ? `?lang=${m.locale}` : ''}`,
  };
}

/** The confirmation link, in the same transaction as the row it confirms: nothing answered is lost. */
export async function enqueueConfirmMail(
  trx: DbOrTx,
  deps: MailDeps,
  m: MailTarget & { endorsementId: number },
  now: Date,
) {
  await enqueueMail(
    trx,
    confirmMail(deps, { ...m, title: (await common(trx, deps, m)).statementTitle }, now),
    now,
  );
}

/** The confirmation mail of an endorsement whose title is in hand (no query): queued by the caller. */
export function confirmMail(
  deps: MailDeps,
  m: MailTarget & { endorsementId: number; title: string },
  now: Date,
): QueuedMail {
  const expires = new Date(now.getTime() + CONFIRM_TTL_MS);
  return {
    template: TEMPLATES.confirm,
    locale: m.locale,
    to: m.to,
    endorsementId: m.endorsementId,
    data: {
      ...commonWith(deps, m, m.title),
      confirmUrl: confirmUrl(deps.config.publicUrl, deps.secret, m.endorsementId, now),
      validFor: formatDays(m.locale, Math.round(CONFIRM_TTL_MS / 86_400_000)),
      expiresAt: formatMoment(m.locale, expires),
    },
  };
}

/** "Your organisation is already on the list": the answer to a second endorsement, told only to the mailbox. */
export async function enqueueAlreadyListedMail(trx: DbOrTx, deps: MailDeps, m: MailTarget, now: Date) {
  await enqueueMail(
    trx,
    {
      template: TEMPLATES.alreadyListed,
      locale: m.locale,
      to: m.to,
      endorsementId: null,
      data: await common(trx, deps, m),
    },
    now,
  );
}

/** After confirming: what happens next, and the withdraw link that every later email carries. */
export async function enqueueConfirmedMail(
  trx: DbOrTx,
  deps: MailDeps,
  m: MailTarget & { endorsementId: number },
  outcome: { published: boolean; publishOn: PublishOn },
  now: Date,
) {
  await enqueueMail(
    trx,
    {
      template: TEMPLATES.confirmed,
      locale: m.locale,
      to: m.to,
      endorsementId: m.endorsementId,
      data: {
        ...(await common(trx, deps, m)),
        // The template says "now on the list" or "the organisers will check it first".
        listed: outcome.publishOn === 'confirmed',
        withdrawUrl: withdrawUrl(deps.config.publicUrl, deps.secret, m.endorsementId, now),
      },
    },
    now,
  );
}

/** A receipt for a withdrawal, so the signer learns of it even if someone else used a forwarded link. */
export async function enqueueWithdrawnMail(
  trx: DbOrTx,
  deps: MailDeps,
  m: MailTarget & { endorsementId: number },
  now: Date,
) {
  await enqueueMail(
    trx,
    {
      template: TEMPLATES.withdrawn,
      locale: m.locale,
      to: m.to,
      endorsementId: m.endorsementId,
      data: await common(trx, deps, m),
    },
    now,
  );
}

/** Staff verified it: the organisation is listed, with the withdraw link every later email carries. */
export async function enqueuePublishedMail(
  trx: DbOrTx,
  deps: MailDeps,
  m: MailTarget & { endorsementId: number },
  now: Date,
  sendAfter?: Date,
) {
  await enqueueMail(
    trx,
    {
      sendAfter,
      template: DECISION_TEMPLATES.published,
      locale: m.locale,
      to: m.to,
      endorsementId: m.endorsementId,
      data: {
        ...(await common(trx, deps, m)),
        withdrawUrl: withdrawUrl(deps.config.publicUrl, deps.secret, m.endorsementId, now),
      },
    },
    now,
  );
}

/** Staff refused it and chose to say why. */
export async function enqueueRejectedMail(
  trx: DbOrTx,
  deps: MailDeps,
  m: MailTarget & { endorsementId: number; reason: string },
  now: Date,
  sendAfter?: Date,
) {
  await enqueueMail(
    trx,
    {
      sendAfter,
      template: DECISION_TEMPLATES.rejected,
      locale: m.locale,
      to: m.to,
      endorsementId: m.endorsementId,
      data: { ...(await common(trx, deps, m)), reason: m.reason },
    },
    now,
  );
}
