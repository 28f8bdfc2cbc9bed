import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../src/i18n/i18n.js';
import { auditSentence, type AuditRow } from '../../src/staff/views/audit-sentence.js';

const SRC = path.resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
/** Every audit action the code records, as written (`action: 'x.y'`, or both arms of a `? :`). */
const recorded = [
  ...new Set(
    files(SRC).flatMap((f) =>
      [
        ...fs
          .readFileSync(f, 'utf8')
          .matchAll(/action:\s*(?:[^'\n]*\?\s*)?'([a-z]+\.[a-z.-]+)'(?:\s*:\s*'([a-z]+\.[a-z.-]+)')?/g),
      ].flatMap((m) => [m[1]!, ...(m[2] ? [m[2]] : [])]),
    ),
  ),
].sort();

const row = (action: string, details: Record<string, unknown> = {}): AuditRow => ({
  actor: 'Amina',
  action,
  statement_id: 7,
  endorsement_id: null,
  details,
  slug: 'fair-deal',
  title: 'A fair deal',
});

describe('the audit log in sentences', () => {
  it('every action the code records is told in a sentence of its own, in English and French', () => {
    expect(recorded.length).toBeGreaterThan(40);
    for (const locale of ['en', 'fr'] as const) {
      const i18n = i18nFor(locale);
      // A correction is told by what it changed; every other action needs no details to be told.
      const details = (a: string) =>
        a === 'endorsement.correct' ? { changes: { city: { from: 'Lyon', to: 'Paris' } } } : {};
      const untold = recorded.filter((a) => auditSentence(i18n, row(a, details(a))).includes(a));
      expect(untold, locale).toEqual([]);
    }
  });

  it('says what the newer actions did, with their details', () => {
    const en = i18nFor('en');
    expect(auditSentence(en, row('endorsement.undo', { organisation: 'CGT' }))).toBe(
      'Amina undid the decision on CGT; it is back in the queue.',
    );
    expect(auditSentence(en, row('endorsement.unlist', { organisation: 'CGT', reason: 'not a union' }))).toBe(
      'Amina took CGT off the public list: “not a union”.',
    );
    expect(auditSentence(en, row('update.send', { recipients: 5000 }))).toBe(
      'Amina sent an update for A fair deal (recipients: 5000).',
    );
    expect(
      auditSentence(en, row('amendment.remove', { count: 3, endorsements: [{ id: 1, name: 'X' }] })),
    ).toBe('Amina removed the endorsements of A fair deal not re-confirmed by the deadline (removed: 3).');
    expect(auditSentence(en, row('amendment.deadline', { to: '2026-12-01T10:00:00.000Z' }))).toMatch(
      /^Amina set the re-confirmation deadline of A fair deal to .*Dec 1, 2026/,
    );
    expect(auditSentence(i18nFor('fr'), row('milestone.create', { date: '2026-12-01' }))).toBe(
      'Amina a ajouté un jalon daté du 1er décembre 2026 à A fair deal.',
    );
    // A value that only looks like a date elsewhere (a role change's "to") is never taken for one.
    expect(auditSentence(en, row('staff.role', { name: 'Noor', from: 'verifier', to: 'admin' }))).not.toMatch(
      /Invalid/,
    );
  });
});
