import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../src/views/csv.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn } from './helpers.js';

let ctx: TestContext;
afterEach(() => ctx?.close());

/** RFC 4180 parser, enough to read our own files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const s of ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR']) {
      expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('Plain')).toBe('Plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvDocument(['a'], [['x']])).toBe('\uFEFFa\r\nx\r\n');
  });
});

describe('GET /admin/statements/:id/endorsements.csv', () => {
  it('exports every endorsement with contact details as UTF-8 with BOM, CRLF, quoted and neutralised, and logs it', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement({ slug: 'care-now' });
    await insertEndorsement(ctx.deps, s.id, {
      name: 'Confédération générale du travail',
      country: 'FR',
      city: 'Montreuil',
      contactName: 'Sophie Bérard',
      status: 'verified',
    });
    await insertEndorsement(ctx.deps, s.id, {
      name: 'الاتحاد العام التونسي للشغل',
      country: 'TN',
      contactName: 'نور الدين',
      comment: 'Line one\nline "two", with comma',
      status: 'confirmed',
    });
    await insertEndorsement(ctx.deps, s.id, {
      name: "=cmd|' /C calc'!A0",
      country: 'GB',
      contactName: '@evil',
      contactRole: '+44 20 7946 0000',
      status: 'rejected',
    });
    await insertEndorsement(ctx.deps, s.id, { status: 'pending', email: 'pending@union.example.org' });
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.get(`/admin/statements/${s.id}/endorsements.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="care-now-endorsements-2026-01-15.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(true); // the only bare LF is inside the quoted comment
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(
      expect.arrayContaining([
        'organisation',
        'contact_name',
        'contact_role',
        'email',
        'comment',
        'status',
        'text_version',
      ]),
    );
    expect(rows).toHaveLength(5);
    const byName = (n: string) => rows.find((r) => r[col('organisation')] === n)!;
    expect(byName('Confédération générale du travail')[col('contact_name')]).toBe('Sophie Bérard');
    const arabic = byName('الاتحاد العام التونسي للشغل');
    expect(arabic[col('contact_name')]).toBe('نور الدين');
    expect(arabic[col('comment')]).toBe('Line one\nline "two", with comma');
    const evil = rows.find((r) => r[col('country')] === 'GB')!;
    expect(evil[col('organisation')]).toBe("'=cmd|' /C calc'!A0");
    expect(evil[col('contact_name')]).toBe("'@evil");
    expect(evil[col('contact_role')]).toBe("'+44 20 7946 0000");
    expect(
      rows
        .slice(1)
        .map((r) => r[col('status')])
        .sort(),
    ).toEqual(['confirmed', 'pending', 'rejected', 'verified']);
    const logged = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'statement.export')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ statement_id: s.id, details: { rows: 4 } });
  });

  it('is for admins only', async () => {
    ctx = await createTestContext();
    const s = await ctx.statement();
    const { agent } = await signedIn(ctx, 'verifier');
    expect((await agent.get(`/admin/statements/${s.id}/endorsements.csv`)).status).toBe(403);
    expect((await ctx.app.request(`/admin/statements/${s.id}/endorsements.csv`)).status).toBe(303);
  });
});
