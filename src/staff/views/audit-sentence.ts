import type { I18n, MessageKey } from '../../i18n/i18n.js';

/** An audit entry as the log page and its CSV export read it. */
export interface AuditRow {
  actor: string;
  action: string;
  statement_id: number | null;
  endorsement_id: number | null;
  details: Record<string, unknown>;
  slug: string | null;
  title: string | null;
}

/** Actions told in a sentence of their own; any other (a newer action) is told by the generic one. */
const SENTENCES = new Set([
  'endorsement.verify',
  'endorsement.reject',
  'endorsement.note',
  'endorsement.enter',
  'endorsement.import',
  'endorsement.initiator',
  'endorsement.initiator-removed',
  'statement.create',
  'statement.settings',
  'statement.text.add',
  'statement.text.edit',
  'statement.launch',
  'statement.launch-at',
  'statement.closed',
  'statement.export',
  'statement.open',
  'privacy.export',
  'privacy.erase',
  'backup.download',
  'audit.export',
  'staff.add',
  'staff.setup',
  'staff.login',
  'staff.logout',
  'staff.login.failed',
  'staff.login.throttled',
  'staff.disable',
  'staff.enable',
  'staff.role',
  'staff.password.change',
  'staff.password.forgot',
  'staff.password-reset',
  'staff.password.reset-done',
  'staff.invite.accept',
  'staff.invite.resend',
  'staff.digest',
  'endorsement.undo',
  'endorsement.reopen',
  'endorsement.unlist',
  'endorsement.resend',
  'statement.amend',
  'amendment.deadline',
  'amendment.remove',
  'milestone.create',
  'milestone.edit',
  'milestone.delete',
  'update.create',
  'update.edit',
  'update.test',
  'update.send',
]);

const text = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** A date the details hold as an ISO string, in the reader's language; anything else as text. */
const moment = (v: unknown, format: (d: Date) => string): string => {
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? format(d) : text(v);
};

/** "from → to" pairs of a change set ({ field: { from, to } }), as the corrections and settings record them. */
function changeList(i18n: I18n, changes: unknown): string {
  if (!changes || typeof changes !== 'object') {
    return '';
  }
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown } | unknown>)
    .map(([field, c]) => {
      const pair = (c ?? {}) as { from?: unknown; to?: unknown };
      return i18n.t('staff.auditText.change', { field, from: text(pair.from), to: text(pair.to) });
    })
    .join('; ');
}

/**
 * The audit entry in a sentence of the staff member's language ("Amina renamed “Riders Union
 * Berlin” → “Riders Union Berlin (FAU)”"), from its action and details; never a raw JSON diff
 * where a sentence can be said.
 */
export function auditSentence(i18n: I18n, a: AuditRow): string {
  const d = a.details ?? {};
  const params: Record<string, string | number> = {
    actor: a.actor,
    statement: a.title ?? a.slug ?? (a.statement_id ? `#${a.statement_id}` : '—'),
    organisation: text(d.organisation),
    name: text(d.name),
    email: text(d.email),
    reason: text(d.reason),
    locale: typeof d.locale === 'string' ? i18n.languageName(d.locale) : '—',
    added: text(d.added),
    skipped: text(d.skipped),
    count: text(d.endorsements ?? d.rows ?? d.count),
    from: text(d.from),
    to: text(d.to),
    role: d.role || d.to ? i18n.t(`staff.role.${String(d.role ?? d.to)}` as MessageKey) : '—',
    action: a.action,
    version: text(d.version),
    summary: text(d.summary),
    mails: text(d.mails),
    recipients: text(d.recipients),
    removed: text(d.count),
    date: moment(d.date, (x) => i18n.date(x)),
    deadline: moment(d.to, (x) => i18n.dateTime(x)),
  };
  if (a.action === 'endorsement.correct') {
    const changes = (d.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
    const name = changes.display_name;
    const rest = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== 'display_name'));
    const parts = [
      name
        ? i18n.t('staff.auditText.renamed', { actor: a.actor, from: text(name.from), to: text(name.to) })
        : '',
      Object.keys(rest).length
        ? i18n.t('staff.auditText.corrected', { actor: a.actor, changes: changeList(i18n, rest) })
        : '',
    ].filter(Boolean);
    return parts.join(' ') || i18n.t('staff.auditText.generic', params);
  }
  if (a.action === 'statement.settings') {
    return i18n.t('staff.auditText.statement.settings', { ...params, changes: changeList(i18n, d.changes) });
  }
  if (SENTENCES.has(a.action)) {
    return i18n.t(`staff.auditText.${a.action}` as MessageKey, params);
  }
  return i18n.t('staff.auditText.generic', params);
}
