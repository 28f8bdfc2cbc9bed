import { raw } from 'hono/html';
import type { I18n } from '../i18n/i18n.js';
import { renderMarkdown } from '../statements/markdown.js';
import type { PublicMilestone } from './milestones.js';

/** A day as written, shown in the reader's language (noon UTC: the same day in every time zone). */
const dayOf = (i18n: I18n, date: string) => i18n.date(new Date(`${date}T12:00:00Z`));

/** "Milestones" on the statement page: what happened since, newest first. Nothing when there is none. */
export function MilestonesSection(props: { i18n: I18n; milestones: PublicMilestone[]; lang: string }) {
  if (props.milestones.length === 0) {
    return null;
  }
  const { t } = props.i18n;
  return (
    <section class="milestones-section" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t('statement.milestones.heading')}</h2>
      <ul class="milestones" lang={props.lang}>
        {props.milestones.map((m) => (
          <li>
            <time datetime={m.date}>{dayOf(props.i18n, m.date)}</time>
            {raw(renderMarkdown(m.text))}
          </li>
        ))}
      </ul>
    </section>
  );
}
