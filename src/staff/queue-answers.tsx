import type { DecisionOutcome } from '../endorsements/lifecycle/index.js';
import type { MessageKey } from '../i18n/i18n.js';
import type { StaffContext } from './env.js';
import { statusLabel } from './views/labels.js';
import { staffError, staffPage } from './views/staff-page.js';

/** A decision that could not be made: said plainly, with the way back. */
export function refused(
  c: StaffContext,
  outcome: Exclude<DecisionOutcome, { kind: 'done' }>,
  backHref?: string,
) {
  const t = c.get('i18n').t;
  if (outcome.kind === 'not-found') {
    return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
  }
  const text =
    outcome.kind === 'already-decided'
      ? outcome.by
        ? t('staff.conflict.already', { name: outcome.by, status: statusLabel(t, outcome.status) })
        : t('staff.conflict.alreadyNobody', { status: statusLabel(t, outcome.status) })
      : outcome.kind === 'organisation-public'
        ? t('staff.conflict.orgPublic')
        : outcome.kind === 'too-late'
          ? t('staff.q.tooLate')
          : t('staff.conflict.notEditable', { status: statusLabel(t, outcome.status) });
  return staffPage(
    c,
    t('staff.conflict.title'),
    <>
      <h1>{t('staff.conflict.title')}</h1>
      <p class="notice warn" role="alert">
        {text}
      </p>
      <p>
        <a href={backHref ?? `/admin/statements/${outcome.statementId}/queue`}>{t('staff.conflict.back')}</a>
      </p>
    </>,
    { status: 409 },
  );
}

/** A form that did not parse: the message, and the way back to the list it came from. */
export function invalid(c: StaffContext, message: string, backHref?: string) {
  const t = c.get('i18n').t;
  return staffPage(
    c,
    t('staff.invalid.title'),
    <>
      <h1>{t('staff.invalid.title')}</h1>
      <p class="notice error" role="alert">
        {t(message as MessageKey)}
      </p>
      <p>{backHref ? <a href={backHref}>{t('staff.conflict.back')}</a> : t('staff.invalid.back')}</p>
    </>,
    { status: 422 },
  );
}
