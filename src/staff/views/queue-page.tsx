import type { Endorsement, Statement } from '../../db/database.js';
import { ORG_TYPES } from '../../db/database.js';
import type { I18n } from '../../i18n/i18n.js';
import type { QueueItem } from '../queue.js';
import { CsrfField } from './staff-page.js';
import { statusLabel, typeLabel } from './labels.js';

interface Props {
  i18n: I18n;
  csrf: string;
  statement: Statement;
  title: string;
  items: QueueItem[];
  total: number;
  isAdmin: boolean;
}

const BULK_FORM = 'bulk-verify';

/** The verification queue of one statement: oldest first, everything needed to decide, and the actions. */
export function QueuePage(props: Props) {
  const { i18n, statement } = props;
  const t = i18n.t;
  const bulk = (
    <form id={BULK_FORM} method="post" action={`/admin/statements/${statement.id}/queue/verify`} class="bulk">
      <CsrfField token={props.csrf} />
      <button type="submit">{t('staff.action.verifySelected')}</button>
    </form>
  );
  return (
    <>
      <h1>{t('staff.queue.title', { title: props.title })}</h1>
      <p>
        <a href={`/admin/statements/${statement.id}/endorsements`}>{t('staff.list.link')}</a>
      </p>
      {props.isAdmin ? (
        <p>
          <a href={`/admin/statements/${statement.id}`}>{t('staff.statement.editLink')}</a> ·{' '}
          <a href={`/admin/statements/${statement.id}/endorsements.csv`}>{t('staff.export.link')}</a> ·{' '}
          <a href={`/admin/audit?statement=${statement.id}`}>{t('staff.audit.forStatement')}</a>
        </p>
      ) : null}
      {props.items.length === 0 ? (
        <p class="notice ok">{t('staff.queue.empty')}</p>
      ) : (
        <>
          <p>{t('staff.queue.count', { count: i18n.number(props.total) })}</p>
          {props.total > props.items.length ? (
            <p class="muted">{t('staff.queue.more', { shown: i18n.number(props.items.length) })}</p>
          ) : null}
          {bulk}
          <ol class="cards queue" id="queue">
            {props.items.map((item) => (
              <QueueCard i18n={i18n} csrf={props.csrf} item={item} />
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function QueueCard(props: { i18n: I18n; csrf: string; item: QueueItem }) {
  const { i18n, item } = props;
  const t = i18n.t;
  const e = item.endorsement;
  const base = `/admin/endorsements/${e.id}`;
  const domainClass = item.domain === 'match' ? 'ok' : item.domain === 'no-website' ? '' : 'warn';
  const emailDomain = e.email ? e.email.slice(e.email.lastIndexOf('@') + 1) : '';
  return (
    <li class="card" id={`e${e.id}`}>
      <h2>
        <label class="check">
          <input type="checkbox" name="ids" value={String(e.id)} form={BULK_FORM} />
          <span>{e.display_name}</span>
        </label>
      </h2>
      <dl class="facts">
        <dt>{t('staff.field.type')}</dt>
        <dd>{typeLabel(t, e.org_type)}</dd>
        <dt>{t('staff.field.country')}</dt>
        <dd>{i18n.country(e.country)}</dd>
        <dt>{t('staff.field.city')}</dt>
        <dd>{e.city || '—'}</dd>
        <dt>{t('staff.field.website')}</dt>
        <dd>
          {e.website ? (
            <a href={e.website} rel="noopener noreferrer nofollow" target="_blank">
              {e.website}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('staff.field.members')}</dt>
        <dd>{e.members === null ? '—' : i18n.number(e.members)}</dd>
        <dt>{t('staff.field.contact')}</dt>
        <dd>
          {e.contact_name ?? '—'}
          {e.contact_role ? `, ${e.contact_role}` : ''}
        </dd>
        <dt>{t('staff.field.email')}</dt>
        <dd>{e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : '—'}</dd>
        <dt>{t('staff.field.comment')}</dt>
        <dd>{e.comment ? <q>{e.comment}</q> : '—'}</dd>
        <dt>{t('staff.field.confirmedAt')}</dt>
        <dd>
          {e.confirmed_at ? i18n.dateTime(e.confirmed_at) : '—'} ({i18n.nativeLanguageName(e.locale)})
        </dd>
        {e.staff_note ? (
          <>
            <dt>{t('staff.field.note')}</dt>
            <dd>{e.staff_note}</dd>
          </>
        ) : null}
      </dl>
      <p class={`notice ${domainClass}`}>
        {t(
          `staff.domain.${item.domain === 'free-mail' ? 'freeMail' : item.domain === 'no-website' ? 'noWebsite' : item.domain}`,
          { domain: emailDomain },
        )}
      </p>
      <p class={item.version.kind === 'earlier' ? 'notice warn' : 'muted'}>
        {item.version.kind === 'current'
          ? t('staff.version.current', {
              language: i18n.languageName(item.version.locale),
              version: item.version.version,
            })
          : item.version.kind === 'earlier'
            ? t('staff.version.earlier', {
                language: item.version.locale ? i18n.languageName(item.version.locale) : '?',
                version: item.version.version,
                date: item.version.since ? i18n.date(item.version.since) : '?',
              })
            : t('staff.version.unknown')}
      </p>
      <h3>{t('staff.queue.otherStatements')}</h3>
      {item.otherStatements.length ? (
        <ul>
          {item.otherStatements.map((o) => (
            <li>
              {o.title ?? o.slug} — {statusLabel(t, o.status)} ({i18n.date(o.at)})
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('staff.queue.otherNone')}</p>
      )}
      <h3>{t('staff.queue.duplicates', { country: i18n.country(e.country) })}</h3>
      {item.duplicates.length ? (
        <ul class="duplicates">
          {item.duplicates.map((d) => (
            <li>
              <a href={`#e${d.id}`}>{d.name}</a> — {statusLabel(t, d.status)}
              {d.sameOrganisation ? ` (${t('staff.queue.sameOrganisation')})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('staff.queue.duplicatesNone')}</p>
      )}
      <div class="actions">
        <form method="post" action={`${base}/verify`}>
          <CsrfField token={props.csrf} />
          <button type="submit">{t('staff.action.verify')}</button>
        </form>
        <details>
          <summary>{t('staff.action.reject')}</summary>
          <form method="post" action={`${base}/reject`}>
            <CsrfField token={props.csrf} />
            <label for={`reason-${e.id}`}>{t('staff.action.rejectReason')}</label>
            <textarea id={`reason-${e.id}`} name="reason" required maxlength={1000}></textarea>
            <label class="check">
              <input type="checkbox" name="tell" value="1" />
              <span>{t('staff.action.tell')}</span>
            </label>
            <button type="submit" class="secondary">
              {t('staff.action.rejectSubmit')}
            </button>
          </form>
        </details>
        <details>
          <summary>{t('staff.action.correct')}</summary>
          <CorrectionForm i18n={i18n} csrf={props.csrf} endorsement={e} />
        </details>
        <details>
          <summary>{t('staff.action.note')}</summary>
          <NoteForm i18n={i18n} csrf={props.csrf} endorsement={e} />
        </details>
      </div>
    </li>
  );
}

/** Public fields staff may correct: the spelling of the name, the city, the type. */
export function CorrectionForm(props: { i18n: I18n; csrf: string; endorsement: Endorsement }) {
  const t = props.i18n.t;
  const e = props.endorsement;
  return (
    <form method="post" action={`/admin/endorsements/${e.id}/correct`}>
      <CsrfField token={props.csrf} />
      <div class="field">
        <label for={`name-${e.id}`}>{t('staff.field.displayName')}</label>
        <input
          type="text"
          id={`name-${e.id}`}
          name="display_name"
          value={e.display_name}
          required
          minlength={2}
          maxlength={200}
        />
      </div>
      <div class="field">
        <label for={`city-${e.id}`}>{t('staff.field.city')}</label>
        <input type="text" id={`city-${e.id}`} name="city" value={e.city ?? ''} maxlength={100} />
      </div>
      <div class="field">
        <label for={`type-${e.id}`}>{t('staff.field.type')}</label>
        <select id={`type-${e.id}`} name="org_type">
          {ORG_TYPES.map((x) => (
            <option value={x} selected={x === e.org_type}>
              {typeLabel(t, x)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {t('staff.action.saveCorrection')}
      </button>
    </form>
  );
}

/** The private staff note of one endorsement. */
export function NoteForm(props: { i18n: I18n; csrf: string; endorsement: Endorsement }) {
  const t = props.i18n.t;
  const e = props.endorsement;
  return (
    <form method="post" action={`/admin/endorsements/${e.id}/note`}>
      <CsrfField token={props.csrf} />
      <label for={`note-${e.id}`}>{t('staff.field.note')}</label>
      <textarea id={`note-${e.id}`} name="note" maxlength={2000}>
        {e.staff_note ?? ''}
      </textarea>
      <button type="submit" class="secondary">
        {t('staff.action.saveNote')}
      </button>
    </form>
  );
}
