import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { Layout } from '../views/layout.js';

/** GET /privacy: what is kept, why and how long — linked from every page and from the form. */
export function privacyRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/privacy', (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    return c.html(
      <Layout i18n={i18n} meta={{ title: t('privacy.title'), path: '/privacy' }}>
        <h1>{t('privacy.title')}</h1>
        <p>{t('privacy.intro')}</p>
        <h2>{t('privacy.publicHeading')}</h2>
        <p>{t('privacy.public')}</p>
        <h2>{t('privacy.privateHeading')}</h2>
        <p>{t('privacy.private')}</p>
        <h2>{t('privacy.ipHeading')}</h2>
        <p>{t('privacy.ip')}</p>
        <h2>{t('privacy.retentionHeading')}</h2>
        <p>{t('privacy.retention', { days: i18n.duration(deps.config.purgePendingAfterDays, 'day') })}</p>
        <h2>{t('privacy.rightsHeading')}</h2>
        <p>{t('privacy.rights')}</p>
      </Layout>,
    );
  });
  return app;
}
