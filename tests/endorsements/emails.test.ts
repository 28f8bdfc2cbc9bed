import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/db/database.js';
import { LOCALES } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';
import { parseWords, renderWords } from '../../src/mail/catalogue-markup.js';
import { loadTemplates, type MailData } from '../../src/mail/templates.js';
import {
  TEMPLATES,
  enqueueAlreadyListedMail,
  enqueueConfirmMail,
  enqueueConfirmedMail,
  enqueueWithdrawnMail,
  formatDays,
  formatMoment,
} from '../../src/endorsements/mails.js';
import { rejectEndorsement, verifyEndorsement } from '../../src/endorsements/lifecycle/index.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { outbox } from './support.js';

// The real emails/ directory and catalogues, as the server loads them at start.
const templates = loadTemplates();

const hostile = '<b>Union</b> & "Co"';
const data: Record<string, MailData> = {
  [TEMPLATES.confirm]: {
    statementTitle: 'Care <work>',
    organisation: hostile,
    statementUrl: 'http://localhost:3000/s/care',
    confirmUrl: 'http://localhost:3000/confirm/abc.def',
    validFor: '7 days',
    expiresAt: 'January 22, 2026',
  },
  [TEMPLATES.alreadyListed]: {
    statementTitle: 'Care <work>',
    organisation: hostile,
    statementUrl: 'http://localhost:3000/s/care',
  },
  [TEMPLATES.confirmed]: {
    statementTitle: 'Care <work>',
    organisation: hostile,
    statementUrl: 'http://localhost:3000/s/care',
    listed: false,
    withdrawUrl: 'http://localhost:3000/withdraw/abc.def',
  },
  [TEMPLATES.withdrawn]: {
    statementTitle: 'Care <work>',
    organisation: hostile,
    statementUrl: 'http://localhost:3000/s/care',
  },
};

const urls = (d: MailData) =>
  Object.values(d).filter((v): v is string => typeof v === 'string' && v.startsWith('http'));

describe('endorsement emails', () => {
  const cases = Object.values(TEMPLATES).flatMap((name) =>
    ['en', 'fr'].map((locale) => [name, locale] as const),
  );

  it.each(cases)('%s.%s exists in text and HTML and renders with its data', (name, locale) => {
    expect(templates.has(name, locale)).toBe(true);
    const mail = templates.render(name, locale, data[name]!);
    expect(mail.subject).toContain('Care <work>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(hostile);
    expect(mail.text).not.toContain('{{');
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.html).toContain('&lt;b&gt;Union&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(mail.html).not.toContain('<b>Union</b>');
    expect(mail.html).not.toContain('{{');
    for (const url of urls(data[name]!)) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
    }
  });

  it('the confirmation says how long the link is valid and that ignoring it changes nothing', () => {
    const en = templates.render(TEMPLATES.confirm, 'en', data[TEMPLATES.confirm]!);
    expect(en.text).toContain('The link is valid for 7 days (until January 22, 2026).');
    expect(en.text).toContain('If you did not ask for this, ignore this email: nothing changes');
    const fr = templates.render(TEMPLATES.confirm, 'fr', {
      ...data[TEMPLATES.confirm]!,
      validFor: '7 jours',
    });
    expect(fr.text).toContain('Le lien est valable 7 jours');
    expect(fr.text).toContain('ignorez cet e-mail\u00A0: rien ne change');
  });

  it('the receipt chooses its next step from the data: listed at once, or checked by the organisers first', () => {
    const verify = templates.render(TEMPLATES.confirmed, 'en', data[TEMPLATES.confirmed]!);
    expect(verify.text).toContain(
      'The organisers will check your endorsement before your organisation appears on the list.',
    );
    expect(verify.text).not.toContain('now appears on the list');
    const listed = templates.render(TEMPLATES.confirmed, 'en', {
      ...data[TEMPLATES.confirmed]!,
      listed: true,
    });
    expect(listed.html).toContain('<p>Your organisation now appears on the list of signatories.</p>');
    expect(listed.text).not.toContain('The organisers will check');
  });

  it('durations and dates are formatted for the reader before they reach a template', () => {
    expect(formatDays('en', 7)).toBe('7 days');
    expect(formatDays('fr', 7)).toMatch(/^7\sjours$/u);
    const d = new Date('2026-01-22T10:00:00Z');
    expect(formatMoment('en', d)).toMatch(/^January 22, 2026.*10:00.*UTC$/);
    expect(formatMoment('fr', d)).toMatch(/^22 janvier 2026.*10:00 UTC$/);
    // French writes the first of the month as an ordinal, in emails as on the pages.
    expect(formatMoment('fr', new Date(Date.UTC(2026, 11, 1, 10)))).toMatch(/^1er décembre 2026.*10:00 UTC$/);
    expect(formatMoment('en', new Date(Date.UTC(2026, 11, 1, 10)))).toMatch(/^December 1, 2026/);
  });
});

const en = catalogues.en.messages as Record<string, string>;
/** A catalogue string as the text version shows it, filled with a mail's data. */
const plain = (source: string, d: MailData) =>
  renderWords(parseWords(source, source), false, (n) => String(d[n]));
const ENDORSEMENT_EMAILS = [
  ...Object.values(TEMPLATES),
  'endorsement-published',
  'endorsement-rejected',
].sort();

// Every message in every language, with the data the app itself queues: the endorsement emails from
// src/endorsements/mails.ts and the staff decisions from src/endorsements/lifecycle/.
describe('every email the app queues, in every language', () => {
  let ctx: TestContext;
  let rows: OutboxRow[];
  const orgOf = (locale: string, what: string) => `<b>${what} ${locale}</b> & "Co" <script>x</script>`;
  const reason = 'Not a <i>union</i> & "not" a federation';

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.deps.db;
    const s = await ctx.statement({ title: 'Care <work> & "pay"' });
    const actor = { id: null, name: 'Test verifier' };
    for (const locale of LOCALES) {
      const email = `officer-${locale}@union.example.org`;
      const organisation = orgOf(locale, 'Union');
      const id = await insertEndorsement(db, s.id, { status: 'pending', name: organisation, locale, email });
      const target = { statementId: s.id, slug: s.slug, locale, to: email, organisation, endorsementId: id };
      await db.transaction().execute(async (trx) => {
        const now = ctx.clock.now();
        await enqueueConfirmMail(trx, ctx.deps, target, now);
        await enqueueAlreadyListedMail(trx, ctx.deps, { ...target, endorsementId: null }, now);
        await enqueueConfirmedMail(trx, ctx.deps, target, { published: false, publishOn: 'verified' }, now);
        await enqueueConfirmedMail(trx, ctx.deps, target, { published: true, publishOn: 'confirmed' }, now);
        await enqueueWithdrawnMail(trx, ctx.deps, target, now);
      });
      const verified = await insertEndorsement(db, s.id, {
        status: 'confirmed',
        name: orgOf(locale, 'Verified'),
        locale,
        email,
      });
      expect(await verifyEndorsement(ctx.deps, ctx.clock.now(), actor, verified)).toMatchObject({
        kind: 'done',
      });
      const rejected = await insertEndorsement(db, s.id, {
        status: 'confirmed',
        name: orgOf(locale, 'Rejected'),
        locale,
        email,
      });
      expect(await rejectEndorsement(ctx.deps, ctx.clock.now(), actor, rejected, reason, true)).toMatchObject(
        { kind: 'done' },
      );
    }
    rows = await outbox(ctx);
  });
  afterAll(() => ctx?.close());

  it.each(LOCALES)(
    '%s: every message renders whole, escaped, with its links, and without English',
    (locale) => {
      const mine = rows.filter((r) => r.locale === locale);
      expect([...new Set(mine.map((r) => r.template))].sort()).toEqual(ENDORSEMENT_EMAILS);
      for (const row of mine) {
        const d = row.data as MailData;
        const where = `${row.template} ${JSON.stringify(d)}`;
        const mail = templates.render(row.template, locale, d);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part, where).not.toMatch(/[{}]/);
        }
        expect(mail.subject, where).not.toMatch(/[\r\n]/);
        expect(mail.html, where).toContain(
          `<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`,
        );
        expect(mail.html, where).not.toMatch(/<(b|i|script)>/);
        expect(mail.html, where).toContain(`&lt;b&gt;`);
        expect(mail.text, where).toContain(String(d.organisation));
        if (row.template === 'endorsement-rejected') {
          expect(mail.text).toContain(reason);
          expect(mail.html).toContain('Not a &lt;i&gt;union&lt;/i&gt; &amp; &quot;not&quot; a federation');
        }
        for (const url of urls(d)) {
          expect(mail.text, where).toContain(url);
          expect(mail.html, where).toContain(`href="${url}"`);
        }
        if (locale !== 'en') {
          // No sentence here as English has it: each English string, filled with this mail's data.
          for (const key of templates.keys(row.template)) {
            expect(`${mail.subject}\n${mail.text}`, `${row.template}: ${key}`).not.toContain(
              plain(en[key]!, d),
            );
          }
        }
      }
    },
  );
});
