import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { Layout } from '../views/layout.js';
import { notFoundPage } from '../views/error-page.js';
import { effectiveStatus, listStatements } from './queries.js';
import { renderStatementPage } from './page.js';
import { SLUG_PATTERN } from './statement-file.js';

/** Public statement pages: the list of open statements and each statement's own page. */
export function statementRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    // Statements past their closing date are closed, even before anyone changes their status.
    const now = deps.clock.now();
    const statements = (await listStatements(deps.db, i18n.locale)).filter((s) => effectiveStatus(s.status, s.closesAt, now) === 'open');
    return c.html(
      <Layout i18n={i18n} meta={{ title: t('home.title'), description: t('site.tagline'), path: '/', canonical: `${deps.config.publicUrl}/` }}>
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
                <p class="muted">{t('home.endorsements', { count: i18n.number(s.total) })}</p>
                {s.closesAt ? <p class="muted">{t('statement.closesOn', { date: i18n.date(s.closesAt) })}</p> : null}
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
    const slug = c.req.param('slug');
    if (!SLUG_PATTERN.test(slug)) return notFoundPage(c);
    // Cached per process and dropped on every change announced through notifyLiveChange.
    const statement = await deps.live.statement(slug);
    // Drafts are reachable only through the staff preview.
    if (!statement || statement.status === 'draft' || statement.texts.length === 0) return notFoundPage(c);
    return renderStatementPage(c, deps, statement);
  });

  return app;
}
