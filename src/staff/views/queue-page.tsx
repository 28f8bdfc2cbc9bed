import type { Endorsement } from '../../db/database.js';
import { ORG_TYPES } from '../../db/database.js';
import { countryOptions } from '../../endorsements/countries.js';
import { assetUrl } from '../../http/assets.js';
import type { I18n } from '../../i18n/i18n.js';
import { STAFF_LOCALES } from '../../i18n/catalogue.js';
import type { PossibleDuplicate, QueueItem } from '../queue.js';
import { DOMAIN_CHECKS, isFiltered, queueQuery, type QueueFilter } from '../queue-filter.js';
import { QUEUE_COUNT_CAP, type QueueResult } from '../queue-search.js';
import { CsrfField } from './staff-page.js';
import { DecisionNoticeView, type DecisionNotice } from './queue-notice.js';
import { statusLabel, typeLabel } from './labels.js';

/**
 * Possible duplicates shown per queue item, each with its "reject as duplicate" button: the listed
 * ones first, then the same organisation, then the oldest. A flood of look-alikes (a hundred
 * candidates per item) would otherwise make the page megabytes long; the rest are counted.
 */
export const DUPLICATES_SHOWN = 5;
const duplicateRank = (d: PossibleDuplicate) => (d.status === 'verified' ? 0 : d.sameOrganisation ? 1 : 2);
const shownDuplicates = (all: readonly PossibleDuplicate[]) =>
  [...all].sort((a, b) => duplicateRank(a) - duplicateRank(b) || a.id - b.id).slice(0, DUPLICATES_SHOWN);

export interface QueueStatement {
  id: number;
  title: string;
}

interface Props {
  i18n: I18n;
  csrf: string;
  filter: QueueFilter;
  /** The statement of this queue, when it is one statement's. */
  statement: QueueStatement | undefined;
  /** The open statements, for the statement filter and each row's statement in the combined queue. */
  statements: QueueStatement[];
  result: QueueResult;
  /** The other list's count, for its tab. */
  otherCount: number | null;
  /** The row to show open and bring into view (the next one after a decision). */
  focusId: number | undefined;
  notice: DecisionNotice | undefined;
  isAdmin: boolean;
  undoMinutes: number;
  /** How many times a confirmation link may be sent again (src/endorsements/queries.ts). */
  resendCap: number;
}

const BULK_FORM = 'bulk-verify';

const domainKey = (d: (typeof DOMAIN_CHECKS)[number]) =>
  d === 'free-mail' ? 'freeMail' : d === 'no-website' ? 'noWebsite' : d;

/**
 * The verification queue — one statement's, or every open statement's together: search and
 * filters, compact rows that open, the decision aids, bulk verification, the unconfirmed sign-ups.
 * Works without JavaScript; public/staff-queue.js adds select-all and keyboard shortcuts.
 */
export function QueuePage(props: Props) {
  const { i18n, filter, result } = props;
  const t = i18n.t;
  const back = queueQuery({ ...filter, after: undefined });
  const here = (f: Partial<QueueFilter>) =>
    `/admin/queue?${queueQuery({ ...filter, ...f, after: undefined })}`;
  const count = (n: number | null) => (n === null ? `${i18n.number(QUEUE_COUNT_CAP)}+` : i18n.number(n));
  const waitingCount = filter.tab === 'waiting' ? result.total : props.otherCount;
  const unconfirmedCount = filter.tab === 'unconfirmed' ? result.total : props.otherCount;
  const rows = filter.tab === 'waiting' ? result.items.length : result.unconfirmed.length;
  const statementTitle = new Map(props.statements.map((s) => [s.id, s.title]));
  return (
    <div class="queue-page" data-queue>
      <h1>
        {props.statement ? t('staff.queue.title', { title: props.statement.title }) : t('staff.q.allTitle')}
      </h1>
      {props.statement ? (
        <p>
          <a href={`/admin/statements/${props.statement.id}/endorsements`}>{t('staff.list.link')}</a>
          {props.isAdmin ? (
            <>
              {' · '}
              <a href={`/admin/statements/${props.statement.id}`}>{t('staff.statement.editLink')}</a> ·{' '}
              <a href={`/admin/statements/${props.statement.id}/endorsements.csv`}>
                {t('staff.export.link')}
              </a>{' '}
              · <a href={`/admin/audit?statement=${props.statement.id}`}>{t('staff.audit.forStatement')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.notice ? (
        <DecisionNoticeView
          i18n={i18n}
          csrf={props.csrf}
          notice={props.notice}
          back={back}
          minutes={props.undoMinutes}
        />
      ) : null}
      <nav aria-label={t('staff.q.tabs')}>
        <ul class="inline-list tabs">
          <li>
            <a href={here({ tab: 'waiting' })} aria-current={filter.tab === 'waiting' ? 'page' : undefined}>
              {t('staff.q.tabWaiting', { count: count(waitingCount) })}
            </a>
          </li>
          <li>
            <a
              href={here({ tab: 'unconfirmed' })}
              aria-current={filter.tab === 'unconfirmed' ? 'page' : undefined}
            >
              {t('staff.q.tabUnconfirmed', { count: count(unconfirmedCount) })}
            </a>
          </li>
        </ul>
      </nav>
      <SearchForm i18n={i18n} filter={filter} statements={props.statements} />
      <p class="queue-count">
        {result.scanned
          ? t('staff.q.scanned', { shown: i18n.number(rows), count: i18n.number(result.scanned) })
          : isFiltered(filter)
            ? t('staff.q.found', { count: count(result.total) })
            : filter.tab === 'waiting'
              ? result.total === 0
                ? null
                : t('staff.queue.count', { count: count(result.total) })
              : t('staff.q.unconfirmedCount', { count: count(result.total) })}
      </p>
      {rows === 0 ? (
        <p class="notice ok">
          {filter.tab === 'waiting' && !isFiltered(filter) ? t('staff.queue.empty') : t('staff.q.none')}
        </p>
      ) : filter.tab === 'waiting' ? (
        <>
          <details class="shortcuts">
            <summary>{t('staff.q.keys')}</summary>
            <dl class="facts">
              <dt>
                <kbd>j</kbd> / <kbd>k</kbd>
              </dt>
              <dd>{t('staff.q.keyNext')}</dd>
              <dt>
                <kbd>v</kbd>
              </dt>
              <dd>{t('staff.q.keyVerify')}</dd>
              <dt>
                <kbd>r</kbd>
              </dt>
              <dd>{t('staff.q.keyReject')}</dd>
              <dt>
                <kbd>x</kbd>
              </dt>
              <dd>{t('staff.q.keySelect')}</dd>
              <dt>
                <kbd>u</kbd>
              </dt>
              <dd>{t('staff.q.keyUndo')}</dd>
              <dt>
                <kbd>/</kbd>
              </dt>
              <dd>{t('staff.q.keySearch')}</dd>
            </dl>
          </details>
          <form id={BULK_FORM} method="post" action="/admin/queue/verify" class="bulk">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="back" value={back} />
            <label class="check select-all" hidden>
              <input type="checkbox" data-select-all />
              <span>{t('staff.q.selectAll', { count: i18n.number(result.items.length) })}</span>
            </label>
            <button type="submit">{t('staff.action.verifySelected')}</button>
          </form>
          <ol class="cards queue" id="queue">
            {result.items.map((item, i) => (
              <QueueRow
                i18n={i18n}
                csrf={props.csrf}
                item={item}
                back={back}
                next={result.items[i + 1]?.endorsement.id ?? result.items[i - 1]?.endorsement.id}
                open={props.focusId === undefined ? i === 0 : props.focusId === item.endorsement.id}
                statementTitle={
                  props.statement ? undefined : statementTitle.get(item.endorsement.statement_id)
                }
              />
            ))}
          </ol>
        </>
      ) : (
        <ol class="cards queue unconfirmed" id="queue">
          {result.unconfirmed.map((e) => (
            <UnconfirmedRow
              i18n={i18n}
              csrf={props.csrf}
              endorsement={e}
              back={back}
              resendCap={props.resendCap}
              statementTitle={props.statement ? undefined : statementTitle.get(e.statement_id)}
            />
          ))}
        </ol>
      )}
      {result.next ? (
        <p>
          <a rel="next" href={`/admin/queue?${queueQuery(filter, { after: result.next })}`}>
            {result.scanned ? t('staff.q.lookFurther') : t('staff.list.next')}
          </a>
        </p>
      ) : null}
      <script src={assetUrl('staff-queue.js')} defer />
    </div>
  );
}

function SearchForm(props: { i18n: I18n; filter: QueueFilter; statements: QueueStatement[] }) {
  const { i18n, filter } = props;
  const t = i18n.t;
  const more = !!(filter.country || filter.type || filter.domain || filter.duplicates || filter.lang);
  return (
    <form method="get" action="/admin/queue" class="queue-search" role="search">
      {filter.tab !== 'waiting' ? <input type="hidden" name="tab" value={filter.tab} /> : null}
      <div class="field">
        <label for="q-statement">{t('staff.q.statement')}</label>
        <select id="q-statement" name="statement">
          <option value="">{t('staff.q.allOpen')}</option>
          {props.statements.map((s) => (
            <option value={String(s.id)} selected={s.id === filter.statementId}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="q">{t('staff.q.search')}</label>
        <span class="hint" id="q-hint">
          {t('staff.q.searchHint')}
        </span>
        <input
          type="search"
          id="q"
          name="q"
          value={filter.q ?? ''}
          maxlength={100}
          aria-describedby="q-hint"
        />
      </div>
      <details class="filters" open={more}>
        <summary>{t('staff.q.filters')}</summary>
        <div class="filter-grid">
          <div class="field">
            <label for="q-country">{t('staff.field.country')}</label>
            <select id="q-country" name="country">
              <option value="">{t('staff.q.any')}</option>
              {countryOptions(i18n.locale).map((c) => (
                <option value={c.code} selected={c.code === filter.country}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-type">{t('staff.field.type')}</label>
            <select id="q-type" name="type">
              <option value="">{t('staff.q.any')}</option>
              {ORG_TYPES.map((x) => (
                <option value={x} selected={x === filter.type}>
                  {typeLabel(t, x)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-domain">{t('staff.q.domain')}</label>
            <select id="q-domain" name="domain">
              <option value="">{t('staff.q.any')}</option>
              {DOMAIN_CHECKS.map((d) => (
                <option value={d} selected={d === filter.domain}>
                  {t(`staff.q.domain.${domainKey(d)}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="q-language">{t('staff.field.locale')}</label>
            <select id="q-language" name="language">
              <option value="">{t('staff.q.any')}</option>
              {STAFF_LOCALES.map((l) => (
                <option value={l} selected={l === filter.lang}>
                  {i18n.nativeLanguageName(l)}
                </option>
              ))}
            </select>
          </div>
          {filter.tab === 'waiting' ? (
            <label class="check">
              <input type="checkbox" name="dup" value="1" checked={!!filter.duplicates} />
              <span>{t('staff.q.duplicatesOnly')}</span>
            </label>
          ) : null}
        </div>
      </details>
      <p class="search-buttons">
        <button type="submit">{t('staff.q.apply')}</button>{' '}
        {isFiltered(filter) ? (
          <a href={`/admin/queue?${queueQuery({ tab: filter.tab, statementId: filter.statementId })}`}>
            {t('staff.q.clear')}
          </a>
        ) : null}
      </p>
    </form>
  );
}

/** One waiting endorsement: a compact line (name, country, type, checks) that opens on everything needed to decide. */
function QueueRow(props: {
  i18n: I18n;
  csrf: string;
  item: QueueItem;
  back: string;
  next: number | undefined;
  open: boolean;
  statementTitle: string | undefined;
}) {
  const { i18n, item } = props;
  const t = i18n.t;
  const e = item.endorsement;
  const base = `/admin/endorsements/${e.id}`;
  const domainClass = item.domain === 'match' ? 'ok' : item.domain === 'no-website' ? '' : 'warn';
  const emailDomain = e.email ? e.email.slice(e.email.lastIndexOf('@') + 1) : '';
  const hidden = (
    <>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      {props.next ? <input type="hidden" name="next" value={String(props.next)} /> : null}
    </>
  );
  return (
    <li class="card row" id={`e${e.id}`} data-row={String(e.id)}>
      <label class="check row-select">
        <input type="checkbox" name="ids" value={String(e.id)} form={BULK_FORM} />
        <span class="visually-hidden">{t('staff.q.select', { name: e.display_name })}</span>
      </label>
      <details class="row-body" open={props.open}>
        <summary>
          <span class="row-name">{e.display_name}</span>{' '}
          <span class="row-meta">
            {i18n.country(e.country)} · {typeLabel(t, e.org_type)}
            {props.statementTitle ? ` · ${props.statementTitle}` : ''}
          </span>{' '}
          <span class={`badge ${domainClass}`}>{t(`staff.q.domain.${domainKey(item.domain)}`)}</span>
          {item.duplicates.length ? <span class="badge warn">{t('staff.q.possibleDuplicate')}</span> : null}
        </summary>
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
          {t(`staff.domain.${domainKey(item.domain)}`, { domain: emailDomain })}
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
        <h2 class="row-section">{t('staff.queue.otherStatements')}</h2>
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
        <h2 class="row-section">{t('staff.queue.duplicates', { country: i18n.country(e.country) })}</h2>
        {item.duplicates.length ? (
          <ul class="duplicates">
            {shownDuplicates(item.duplicates).map((d) => (
              <li>
                {/* Where it is when not on this page (decided, or further on): staff-queue.js uses it. */}
                <a
                  data-elsewhere={`/admin/statements/${e.statement_id}/endorsements?status=${d.status}#e${d.id}`}
                  href={`#e${d.id}`}
                >
                  {d.name}
                </a>{' '}
                — {statusLabel(t, d.status)}
                {d.sameOrganisation ? ` (${t('staff.queue.sameOrganisation')})` : ''}
                <form method="post" action={`${base}/reject`} class="duplicate-reject">
                  {hidden}
                  <input type="hidden" name="reason" value={t('staff.q.duplicateReason', { name: d.name })} />
                  <input type="hidden" name="duplicate_of" value={String(d.id)} />
                  <button type="submit" class="secondary small">
                    {t('staff.q.rejectDuplicate', { name: d.name })}
                  </button>
                </form>
              </li>
            ))}
            {item.duplicates.length > DUPLICATES_SHOWN ? (
              <li class="muted">
                {t('staff.queue.duplicatesMore', {
                  count: i18n.number(item.duplicates.length - DUPLICATES_SHOWN),
                })}
              </li>
            ) : null}
          </ul>
        ) : (
          <p class="muted">{t('staff.queue.duplicatesNone')}</p>
        )}
        <div class="actions">
          <form method="post" action={`${base}/verify`} class="verify">
            {hidden}
            <button type="submit" data-key="verify">
              {t('staff.action.verify')}
            </button>
          </form>
          <details>
            <summary>{t('staff.action.correct')}</summary>
            <CorrectionForm i18n={i18n} csrf={props.csrf} endorsement={e} />
          </details>
          <details>
            <summary>{t('staff.action.note')}</summary>
            <NoteForm i18n={i18n} csrf={props.csrf} endorsement={e} />
          </details>
          {/* Kept apart from Verify (other controls and a gap between): a slip of the thumb cannot hit it. */}
          <details class="reject" data-key="reject">
            <summary>{t('staff.action.reject')}</summary>
            <form method="post" action={`${base}/reject`}>
              {hidden}
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
        </div>
      </details>
    </li>
  );
}

/** A sign-up whose link was not confirmed yet: who, when, how many links were sent, and "resend the link". */
function UnconfirmedRow(props: {
  i18n: I18n;
  csrf: string;
  endorsement: Endorsement;
  back: string;
  resendCap: number;
  statementTitle: string | undefined;
}) {
  const { i18n } = props;
  const t = i18n.t;
  const e = props.endorsement;
  const capped = e.resend_count >= props.resendCap;
  return (
    <li class="card row" id={`e${e.id}`}>
      <p>
        <strong>{e.display_name}</strong>{' '}
        <span class="row-meta">
          {i18n.country(e.country)} · {typeLabel(t, e.org_type)}
          {props.statementTitle ? ` · ${props.statementTitle}` : ''}
        </span>
      </p>
      <p class="muted">
        {e.email ?? '—'} · {t('staff.q.signedUp', { date: i18n.dateTime(e.created_at) })} ·{' '}
        {t('staff.q.linksResent', { count: i18n.number(e.resend_count), max: i18n.number(props.resendCap) })}
      </p>
      {capped || !e.email ? (
        <p class="muted">{t('staff.q.resendCapped')}</p>
      ) : (
        <form method="post" action={`/admin/endorsements/${e.id}/resend`}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <button type="submit" class="secondary small">
            {t('staff.q.resend')}
          </button>
        </form>
      )}
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
