import type { Statement } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { I18n } from '../i18n/i18n.js';
import { pictureData } from './data.js';
import { cumulative, utcDay } from './growth.js';
import { StatementPictures } from './views.js';

/** The pictures block of the statement page as HTML: its numbers read here, the view only draws them. */
export async function renderStatementPictures(
  deps: Pick<Deps, 'db' | 'live' | 'clock'>,
  i18n: I18n,
  statement: Pick<Statement, 'id' | 'slug'>,
): Promise<string> {
  const { counts, days } = await pictureData(deps, statement);
  const points = cumulative(days, utcDay(deps.clock.now()));
  const node = <StatementPictures i18n={i18n} slug={statement.slug} counts={counts} points={points} />;
  return String(await (node as unknown as { toString(): string | Promise<string> }).toString());
}
