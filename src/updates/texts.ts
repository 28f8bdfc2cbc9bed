import type { EndorserUpdateRow, UpdateText } from '../db/database.js';
import type { StatementWithTexts } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';

/** The authoritative language of a statement (the one every reader can fall back to). */
export const authoritativeLocale = (statement: StatementWithTexts): string =>
  chooseText(statement.texts, '')?.locale ?? statement.default_locale;

/** The text a reader of `locale` gets: theirs if written, else the authoritative language's. */
export function updateTextFor(
  update: Pick<EndorserUpdateRow, 'texts'>,
  statement: StatementWithTexts,
  locale: string,
): { locale: string; text: UpdateText } {
  const texts = update.texts;
  const pick = texts[locale]
    ? locale
    : texts[authoritativeLocale(statement)]
      ? authoritativeLocale(statement)
      : Object.keys(texts)[0]!;
  return { locale: pick, text: texts[pick]! };
}
