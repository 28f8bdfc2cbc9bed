import { SLUG_PATTERN } from './statement-file.js';
import type { StatementWithTexts } from './queries.js';

/** Where statements are looked up by slug: the live hub's per-process cache (dropped on every change). */
export interface StatementSource {
  statement(slug: string): Promise<StatementWithTexts | undefined>;
}

/**
 * A statement as the public may see it, by slug — or undefined, which every public route answers
 * with the same 404 as an unknown address: a draft must not reveal that it exists.
 */
export async function findPublicStatement(
  source: StatementSource,
  slug: string,
): Promise<StatementWithTexts | undefined> {
  if (!SLUG_PATTERN.test(slug)) {
    return undefined;
  }
  const statement = await source.statement(slug);
  if (!statement || statement.status === 'draft' || statement.texts.length === 0) {
    return undefined;
  }
  return statement;
}
