import { sql } from 'kysely';
import * as v from 'valibot';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { DbOrTx } from '../db/database.js';
import type { Deps } from '../deps.js';
import { i18nFor, isLocale } from '../i18n/i18n.js';
import type { TimedTask } from '../jobs/scheduler.js';
import { enqueueMail } from '../mail/outbox.js';
import { titleFor } from '../statements/queries.js';

/**
 * The waiting reminder (README "Verifying endorsements"): a staff member may ask, on their account
 * page, for an email when endorsements have waited longer than 12, 24, 48 or 72 hours for a
 * decision. At most one per period each, in the language they asked in; nothing when nothing waits
 * that long. "Waiting" is what the dashboard counts as waiting (status confirmed).
 */
export const DIGEST_HOURS = [12, 24, 48, 72] as const;
export const DIGEST_TEMPLATE = 'staff-digest';

/** The account page's choice: "off" or one of DIGEST_HOURS. */
export const DigestChoice = v.union([
  v.literal('off'),
  v.pipe(
    v.picklist(DIGEST_HOURS.map(String) as [string, ...string[]]),
    v.transform((h) => Number(h) as (typeof DIGEST_HOURS)[number]),
  ),
]);

/** Save one's own choice (null: no reminder), audited. */
export async function setDigest(
  db: DbOrTx,
  actor: Actor,
  staffId: number,
  hours: number | null,
  locale: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ digest_after_hours: hours, digest_locale: hours === null ? null : locale })
    .where('id', '=', staffId)
    .execute();
  await recordAudit(db, actor, { action: 'staff.digest', details: { hours } }, now);
}

interface Waiting {
  statement_id: number;
  oldest: Date;
  /** How many have waited longer than each of DIGEST_HOURS. */
  over: Record<number, number>;
}

/** Per statement with anything waiting longer than the shortest period: counts past each period. */
async function waitingByStatement(db: DbOrTx, now: Date): Promise<Waiting[]> {
  const cut = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const { rows } = await sql<{ statement_id: number; oldest: Date } & Record<string, string | number>>`
    select statement_id, min(confirmed_at) as oldest,
      ${sql.join(
        DIGEST_HOURS.map(
          (h) => sql`count(*) filter (where confirmed_at <= ${cut(h)}) as ${sql.ref(`over${h}`)}`,
        ),
      )}
      from endorsements
     where status = 'confirmed' and confirmed_at <= ${cut(DIGEST_HOURS[0])}
     group by statement_id
     order by min(confirmed_at)`.execute(db);
  return rows.map((r) => ({
    statement_id: Number(r.statement_id),
    oldest: new Date(r.oldest),
    over: Object.fromEntries(DIGEST_HOURS.map((h) => [h, Number(r[`over${h}`])])),
  }));
}

/** Markdown's own characters in a statement title are written as text. */
const mdText = (s: string) => s.replace(/[\\`*_[\]<>#|~]/g, (ch) => `\\${ch}`);

/**
 * Timed task: mail each staff member whose reminder is due and for whom something has waited longer
 * than their period. Bounded: one query for the due accounts (few), one aggregate over waiting rows.
 */
export function sendStaffDigests(deps: Pick<Deps, 'config'>): TimedTask {
  return {
    name: 'staff-digest',
    async run(trx, _announce, now, log) {
      const due = await trx
        .selectFrom('staff_users')
        .select(['id', 'email', 'digest_after_hours', 'digest_locale'])
        .where('disabled_at', 'is', null)
        .where('digest_after_hours', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('digest_sent_at', 'is', null),
            eb(
              'digest_sent_at',
              '<=',
              sql<Date>`${now}::timestamptz - make_interval(hours => digest_after_hours)`,
            ),
          ]),
        )
        .execute();
      if (!due.length) {
        return;
      }
      const waiting = await waitingByStatement(trx, now);
      const titles = new Map<string, string>();
      const title = async (id: number, locale: string) => {
        const key = `${id}:${locale}`;
        if (!titles.has(key)) {
          titles.set(key, await titleFor(trx, id, locale));
        }
        return titles.get(key)!;
      };
      let sent = 0;
      for (const staff of due) {
        const hours = staff.digest_after_hours!;
        const concerned = waiting.filter((w) => (w.over[hours] ?? 0) > 0);
        if (!concerned.length) {
          continue;
        }
        const locale = isLocale(staff.digest_locale) ? staff.digest_locale : 'en';
        const i18n = i18nFor(locale);
        const after = i18n.duration(hours, 'hour');
        const lines: string[] = [];
        for (const w of concerned) {
          lines.push(
            `- ${i18n.t('staff.digest.line', {
              title: `**${mdText((await title(w.statement_id, locale)) || '?')}**`,
              after,
              count: i18n.number(w.over[hours]!),
              since: `${i18n.dateTime(w.oldest)} UTC`,
            })}`,
          );
        }
        await enqueueMail(
          trx,
          {
            template: DIGEST_TEMPLATE,
            locale,
            to: staff.email,
            endorsementId: null,
            data: { after, summary: lines.join('\n'), queueUrl: `${deps.config.publicUrl}/admin/queue` },
          },
          now,
        );
        await trx
          .updateTable('staff_users')
          .set({ digest_sent_at: now })
          .where('id', '=', staff.id)
          .execute();
        sent++;
      }
      if (sent) {
        log.info('staff: waiting reminders queued', { count: sent });
      }
    },
  };
}
