import { Hono } from 'hono';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { urlLanguage } from '../http/locale.js';
import { findPublicStatement } from '../statements/public.js';
import { pickText } from '../statements/text.js';
import { notFoundPage } from '../views/error-page.js';
import { pictureData } from './data.js';
import { cumulative, utcDay } from './growth.js';
import { growthSvg } from './growth-svg.js';
import { picture, sendPicture } from './http.js';
import { mapSvg } from './map-svg.js';
import { cardSvg, renderCardPng } from './og-card.js';

const SVG_TYPE = 'image/svg+xml; charset=utf-8';
/** `?legend=0`: the map without the legend drawn under it (the statement page has an HTML legend). */
const MapQuery = v.optional(v.picklist(['0', '1']));
/** Languages written right to left, for a title whose text is not in an interface language. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/**
 * GET /s/:slug/map.svg, /growth.svg and /og.png: rendered once per count generation and language,
 * the same bytes for every reader (no cookie, no Accept-Language), cacheable by any proxy.
 */
export function pictureRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const live = deps.live;
  const site = new URL(deps.config.publicUrl).host;

  const publicStatement = (slug: string) => findPublicStatement(live, slug);

  app.get('/s/:slug/map.svg', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = urlLanguage(c, st.default_locale);
    const query = v.safeParse(MapQuery, c.req.query('legend'));
    if (!query.success) {
      return c.text(i18n.t('pictures.map.badLegend'), 400);
    }
    const legend = query.output !== '0';
    const pic = await live.cached(st.id, `pictures:map:${i18n.locale}:${legend}`, async () => {
      const { counts } = await pictureData(deps, st);
      return picture(mapSvg(i18n, counts.byCountry, { legend, titles: true }), SVG_TYPE);
    });
    return sendPicture(c, pic);
  });

  app.get('/s/:slug/growth.svg', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = urlLanguage(c, st.default_locale);
    const today = utcDay(deps.clock.now());
    // The line runs to today: a new day is a new picture even when nobody signed.
    const pic = await live.cached(st.id, `pictures:growth:${i18n.locale}:${today}`, async () => {
      const { days } = await pictureData(deps, st);
      return picture(growthSvg(i18n, cumulative(days, today)), SVG_TYPE);
    });
    return sendPicture(c, pic);
  });

  app.get('/s/:slug/og.png', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = urlLanguage(c, st.default_locale);
    const pic = await live.cached(st.id, `pictures:og:${i18n.locale}`, async () => {
      const { counts } = await pictureData(deps, st);
      const { text } = pickText(st, i18n.locale);
      const svg = cardSvg(i18n, {
        title: text.title,
        titleDir: RTL.has(text.locale) ? 'rtl' : 'ltr',
        total: counts.total,
        countries: counts.countries,
        byCountry: counts.byCountry,
        site,
      });
      return picture(await renderCardPng(svg), 'image/png');
    });
    return sendPicture(c, pic);
  });

  return app;
}
