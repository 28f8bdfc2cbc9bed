import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx, StaffUser } from '../db/database.js';
import { formatDays, formatMoment } from '../endorsements/mails.js';
import { enqueueMail } from '../mail/outbox.js';

/**
 * Single-use sign-in links for staff (README.md "Staff onboarding"): an invitation for a new
 * account, a password reset (asked for by the person, or started by an administrator). The link
 * opens a page where the person chooses a password and is signed in. Only the SHA-256 of the
 * token is stored; a guarded UPDATE of used_at makes the link work once; a newer link for the same
 * account cancels the older ones.
 */
export type StaffLinkPurpose = 'invite' | 'reset';

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 3600 * 1000;
const TTL: Record<StaffLinkPurpose, number> = { invite: INVITE_TTL_MS, reset: RESET_TTL_MS };

export const STAFF_LINK_TEMPLATES: Record<StaffLinkPurpose, string> = {
  invite: 'staff-invitation',
  reset: 'staff-password-reset',
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens are 32 random bytes in base64url; anything else is refused before the database is asked. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Make a link for an account and queue the mail that carries it, in the caller's transaction (the
 * account, its audit entry and its mail commit together). Earlier unused links of the account end.
 */
export async function issueStaffLink(
  trx: DbOrTx,
  deps: { config: { publicUrl: string } },
  user: Pick<StaffUser, 'id' | 'email' | 'name'>,
  purpose: StaffLinkPurpose,
  opts: { locale: string; inviter?: string },
  now: Date,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + TTL[purpose]);
  await trx
    .updateTable('staff_tokens')
    .set({ expires_at: now })
    .where('staff_id', '=', user.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  await trx
    .insertInto('staff_tokens')
    .values({
      staff_id: user.id,
      purpose,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: expires,
    })
    .execute();
  const linkUrl = `${deps.config.publicUrl}/admin/password-link?token=${token}`;
  await enqueueMail(
    trx,
    {
      template: STAFF_LINK_TEMPLATES[purpose],
      locale: opts.locale,
      to: user.email,
      data: {
        name: user.name,
        email: user.email,
        inviter: opts.inviter ?? '',
        linkUrl,
        signInUrl: `${deps.config.publicUrl}/admin/login`,
        validFor: purpose === 'invite' ? formatDays(opts.locale, Math.round(INVITE_TTL_MS / 86_400_000)) : '',
        expiresAt: formatMoment(opts.locale, expires),
      },
    },
    now,
  );
}

/** The account a link opens, while it is unused, unexpired and the account enabled (the GET shows the form). */
export async function peekStaffLink(
  db: DbOrTx,
  token: string | undefined,
  now: Date,
): Promise<{ user: StaffUser; purpose: StaffLinkPurpose } | undefined> {
  if (!token || !TOKEN_RE.test(token)) {
    return undefined;
  }
  const row = await db
    .selectFrom('staff_tokens as t')
    .innerJoin('staff_users as u', 'u.id', 't.staff_id')
    .selectAll('u')
    .select('t.purpose')
    .where('t.token_hash', '=', hashToken(token))
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { purpose, ...user } = row;
  return { user, purpose };
}

/**
 * Use a link once: one guarded UPDATE (of two simultaneous posts only one gets the row), then the
 * new password; every earlier session of the account ends. Returns the account, or undefined when
 * the link is not valid (any more).
 */
export async function useStaffLink(
  trx: DbOrTx,
  token: string,
  passwordHash: string,
  now: Date,
): Promise<{ user: StaffUser; purpose: StaffLinkPurpose } | undefined> {
  const found = await peekStaffLink(trx, token, now);
  if (!found) {
    return undefined;
  }
  const used = await trx
    .updateTable('staff_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('staff_id')
    .executeTakeFirst();
  if (!used) {
    return undefined;
  }
  await trx
    .updateTable('staff_users')
    .set({ password_hash: passwordHash, last_login_at: now })
    .where('id', '=', found.user.id)
    .execute();
  await trx.deleteFrom('staff_sessions').where('staff_id', '=', found.user.id).execute();
  return found;
}

/** Whether the account has an invitation still waiting (the accounts page says "invited"). */
export async function pendingInvitations(db: DbOrTx, now: Date): Promise<Set<number>> {
  const rows = await db
    .selectFrom('staff_tokens')
    .select('staff_id')
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.staff_id));
}
