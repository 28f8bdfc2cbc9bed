import { recordAudit } from '../audit/audit.js';
import type { TimedTask } from './scheduler.js';

/**
 * Statements whose closing date has passed are stored as closed, not only shown so (README
 * "Statements"): the audit log says when, and the change is announced like any other statement
 * change, so every process drops the pages it cached while the form was still on them.
 */
export const closeDueStatements: TimedTask = {
  name: 'close-due-statements',
  async run(trx, announce, now, log) {
    const closed = await trx
      .updateTable('statements')
      .set({ status: 'closed', updated_at: now })
      .where('status', '=', 'open')
      .where('closes_at', '<=', now)
      .returning(['id', 'slug', 'closes_at'])
      .execute();
    for (const s of closed) {
      await recordAudit(
        trx,
        { id: null, name: 'system' },
        {
          action: 'statement.closed',
          statementId: s.id,
          details: { closes_at: s.closes_at?.toISOString() ?? null },
        },
        now,
      );
      await announce({ kind: 'changed', statementId: s.id });
    }
    if (closed.length) {
      log.info('statements: closed at their closing date', { slugs: closed.map((s) => s.slug) });
    }
  },
};
