import type { StatementWithTexts } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { SUBJECT_MAX, type UpdateInput } from './updates.js';

/**
 * A milestone "also sent to all endorsers": a draft update (audience all_endorsers) whose subject
 * is the statement's title and the day, and whose text is the milestone's, in each of its languages.
 * Staff preview and send it like any other.
 */
export function milestoneUpdate(
  statement: StatementWithTexts,
  milestone: { date: string; texts: Record<string, string> },
): UpdateInput {
  const texts: UpdateInput['texts'] = {};
  for (const [locale, body] of Object.entries(milestone.texts)) {
    const title = chooseText(statement.texts, locale)?.title ?? statement.slug;
    texts[locale] = { subject: `${title} — ${milestone.date}`.slice(0, SUBJECT_MAX), body };
  }
  return { audience: 'all_endorsers', texts };
}
