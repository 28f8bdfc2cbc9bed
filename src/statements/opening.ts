import { recordAudit, type Actor } from '../audit/audit.js';
import { transact } from '../changes/transact.js';
import type { Statement, StatementText } from '../db/database.js';
import type { EditorDeps } from './editor.js';
import { isAcceptingEndorsements } from './rules.js';

/**
 * Opening a statement for endorsements (README.md "Opening a statement"): a short checklist first
 * (text, translations, closing date, publish rule), then one guarded change with its audit entry.
 */
export type CheckState = 'ok' | 'warn' | 'block';
export interface OpeningCheck {
  item: 'text' | 'translations' | 'closingDate' | 'publishRule';
  state: CheckState;
  /** What the page says about it (a catalogue key, with its values). */
  key: string;
  params: Record<string, string | number>;
}

/** What an organiser should look at before opening; a 'block' item stops the opening. */
export function openingChecklist(
  statement: Pick<Statement, 'status' | 'closes_at' | 'publish_on'>,
  texts: Pick<StatementText, 'locale' | 'title' | 'body_md' | 'authoritative'>[],
  now: Date,
): OpeningCheck[] {
  const main = texts.find((t) => t.authoritative) ?? texts[0];
  const hasText = !!main && main.title.trim() !== '' && main.body_md.trim() !== '';
  const closing = statement.closes_at;
  return [
    {
      item: 'text',
      state: hasText ? 'ok' : 'block',
      key: hasText ? 'staff.open.check.text.ok' : 'staff.open.check.text.missing',
      params: { title: main?.title ?? '' },
    },
    {
      item: 'translations',
      state: texts.length > 1 ? 'ok' : 'warn',
      key: texts.length > 1 ? 'staff.open.check.translations.ok' : 'staff.open.check.translations.none',
      params: { count: texts.length },
    },
    {
      item: 'closingDate',
      state: !closing
        ? 'warn'
        : isAcceptingEndorsements({ status: 'open', closes_at: closing }, now)
          ? 'ok'
          : 'block',
      key: !closing
        ? 'staff.open.check.closing.none'
        : closing > now
          ? 'staff.open.check.closing.ok'
          : 'staff.open.check.closing.past',
      params: {},
    },
    {
      item: 'publishRule',
      state: 'ok',
      key:
        statement.publish_on === 'verified'
          ? 'staff.open.check.rule.verified'
          : 'staff.open.check.rule.confirmed',
      params: {},
    },
  ];
}

export type OpenOutcome = 'opened' | 'already' | 'blocked' | 'missing';

/** Open the statement: guarded (an open one stays as it is), refused while the checklist blocks. */
export async function openStatement(
  deps: EditorDeps,
  now: Date,
  actor: Actor,
  statementId: number,
): Promise<OpenOutcome> {
  return transact(deps, async (trx, announce) => {
    const statement = await trx
      .selectFrom('statements')
      .selectAll()
      .where('id', '=', statementId)
      .forUpdate()
      .executeTakeFirst();
    if (!statement) {
      return 'missing';
    }
    if (statement.status === 'open') {
      return 'already';
    }
    const texts = await trx
      .selectFrom('statement_texts')
      .select(['locale', 'title', 'body_md', 'authoritative'])
      .where('statement_id', '=', statementId)
      .execute();
    if (openingChecklist(statement, texts, now).some((c) => c.state === 'block')) {
      return 'blocked';
    }
    await trx
      .updateTable('statements')
      .set({ status: 'open', opened_at: statement.opened_at ?? now, updated_at: now })
      .where('id', '=', statementId)
      .where('status', '=', statement.status)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'statement.open', statementId, details: { from: statement.status } },
      now,
    );
    await announce({ kind: 'changed', statementId });
    return 'opened';
  });
}
