import { transact } from '../changes/transact.js';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/database.js';
import { parseStatementFile } from './statement-file.js';
import { saveStatementText } from './queries.js';

const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/**
 * A first run with nothing in the database shows a sample statement, so `npm start` alone
 * demonstrates the whole flow. It is seeded only while no statement exists at all.
 */
export async function seedDemoStatement(db: Db, now: Date): Promise<string | undefined> {
  const files = fs
    .readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => Number(b.includes('.en.')) - Number(a.includes('.en.')));
  // At start, before the live hub exists: nothing is cached yet, a NOTIFY is all it takes.
  return transact({ db }, async (trx, announce) => {
    const any = await trx.selectFrom('statements').select('id').limit(1).executeTakeFirst();
    if (any) {
      return undefined;
    }
    let slug: string | undefined;
    for (const file of files) {
      const parsed = parseStatementFile(fs.readFileSync(DEMO_DIR + file, 'utf8'));
      if (!parsed.ok) {
        throw new Error(`demo/${file}: ${parsed.errors.join('; ')}`);
      }
      await saveStatementText(trx, announce, { ...parsed.input, open: true }, now);
      slug = parsed.input.slug;
    }
    return slug;
  });
}
