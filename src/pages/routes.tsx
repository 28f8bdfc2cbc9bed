import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { Layout } from '../views/layout.js';
import { notFoundPage } from '../views/error-page.js';
import { listStatements } from '../statements/queries.js';
import { findPublicStatement } from '../statements/public.js';
import { effectiveStatus } from '../statements/rules.js';
import { renderStatementPage } from './statement-page.js';

/** Public statement pages: the list of open statements and each statement's own page. */
export function pageRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    // Statements past their closing date are closed, even before anyone changes their status.
    const now = deps.clock.now();
    const open = (await listStatements(deps.db, i18n.locale)).filter(
      // A statement under embargo is reachable by its link only (README "Launching a statement").
      (s) => effectiveStatus(s.status, s.closesAt, now) === 'open' && !s.embargoed,
    );
    // Totals from the live hub's cached counts: the same number the statement page shows.
    const statements = await Promise.all(
      open.map(async (s) => ({ ...s, total: (await deps.live.counts(s.id)).total })),
    );
    return c.html(
      <Layout
        i18n={i18n}
        meta={{
          title: t('home.title'),
          description: t('site.tagline'),
          path: '/',
          canonical: `${deps.config.publicUrl}/`,
        }}
      >
        <h1>{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
        {statements.length === 0 ? (
          <p class="notice">{t('home.empty')}</p>
        ) : (
          <ul class="cards">
            {statements.map((s) => (
              <li class="card">
                <h2 lang={s.locale}>
                  <a href={`/s/${s.slug}`}>{s.title}</a>
                </h2>
                <p class="muted">{i18n.plural('count.signatories', s.total)}</p>
                {s.closesAt ? (
                  <p class="muted">{t('statement.closesOn', { date: i18n.date(s.closesAt) })}</p>
                ) : null}
                <a class="button" href={`/s/${s.slug}`}>
                  {t('home.read')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });

  app.get('/s/:slug', async (c) => {
    // Cached per process and dropped on every announced change; drafts only in the staff preview.
    const statement = await findPublicStatement(deps.live, c.req.param('slug'));
    return statement ? renderStatementPage(c, deps, statement) : notFoundPage(c);
  });

  return app;
}
