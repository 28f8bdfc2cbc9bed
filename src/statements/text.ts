import type { StatementText } from '../db/database.js';
import type { StatementWithTexts } from './queries.js';

type TextChoice = Pick<StatementText, 'locale' | 'authoritative'>;

/**
 * THE choice of which text (and so which title) a reader gets: the first of their languages that
 * has a translation — the interface language first, then the others they prefer — else the
 * authoritative text (every statement has one: its first text unless staff chose another). Pages, emails,
 * the API and staff pages all choose through here; `listStatements` writes the same order in SQL.
 */
export function chooseText<T extends TextChoice>(
  texts: readonly T[],
  locale: string,
  preferred: readonly string[] = [],
): T | undefined {
  for (const l of [locale, ...preferred]) {
    const match = texts.find((t) => t.locale === l);
    if (match) {
      return match;
    }
  }
  return texts.find((t) => t.authoritative) ?? texts[0];
}

/** The text to show a reader of a loaded statement, and the authoritative one beside it. */
export function pickText(
  statement: StatementWithTexts,
  locale: string,
  preferred: readonly string[] = [],
): { text: StatementText; authoritative: StatementText } {
  const authoritative = chooseText(statement.texts, '');
  if (!authoritative) {
    throw new Error(`statement ${statement.slug} has no text`);
  }
  return { text: chooseText(statement.texts, locale, preferred) ?? authoritative, authoritative };
}
