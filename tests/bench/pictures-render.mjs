// Render time of each picture (npm run build first): once (cold, first in the process) and warm
// (median), from dist/. Usage: node tests/bench/pictures-render.mjs
const D = new URL('../../dist', import.meta.url).pathname;
const { i18nFor } = await import(`${D}/i18n/i18n.js`);
const { worldGeometry } = await import(`${D}/pictures/atlas.js`);
const { mapSvg } = await import(`${D}/pictures/map-svg.js`);
const { growthSvg } = await import(`${D}/pictures/growth-svg.js`);
const { cumulative } = await import(`${D}/pictures/growth.js`);
const { cardSvg, renderCardPng } = await import(`${D}/pictures/og-card.js`);
const codes = [
  'FR',
  'DE',
  'ES',
  'IT',
  'BR',
  'AR',
  'US',
  'CA',
  'MX',
  'IN',
  'ZA',
  'NG',
  'KE',
  'EG',
  'TN',
  'MA',
  'TR',
  'GB',
  'SE',
  'NO',
  'PL',
  'UA',
  'RU',
  'CN',
  'JP',
  'KR',
  'PH',
  'ID',
  'AU',
  'NZ',
  'CL',
  'CO',
  'PE',
  'SG',
  'MT',
  'BH',
  'MU',
  'HK',
  'XK',
  'PT',
];
const byCountry = Object.fromEntries(codes.map((c, i) => [c, 1 + ((i * 37) % 50)]));
const total = Object.values(byCountry).reduce((a, b) => a + b, 0);
const days = Array.from({ length: 60 }, (_, i) => ({
  day: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  n: 1 + (i % 7),
}));
const en = i18nFor('en');
const ar = i18nFor('ar');
const time = async (f) => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};
const median = async (f, n = 20) => {
  const xs = [];
  for (let i = 0; i < n; i++) {
    xs.push((await time(f))[0]);
  }
  xs.sort((a, b) => a - b);
  return xs[n >> 1];
};
const [atlas] = await time(() => worldGeometry());
const [map1, svg] = await time(() => mapSvg(en, byCountry));
const [growth1, g] = await time(() => growthSvg(en, cumulative(days, '2026-03-01')));
const card = {
  title: 'A fair deal for care workers, everywhere in the world',
  titleDir: 'ltr',
  total,
  countries: codes.length,
  byCountry,
  site: 'undersigned.example.org',
};
const [og1, png] = await time(async () => renderCardPng(cardSvg(en, card)));
const [ogAr1] = await time(async () =>
  renderCardPng(cardSvg(ar, { ...card, title: 'اتفاق عادل لعاملات الرعاية في كل مكان', titleDir: 'rtl' })),
);
console.log(
  JSON.stringify(
    {
      countries: codes.length,
      total,
      atlasOnceMs: +atlas.toFixed(1),
      mapSvg: {
        firstMs: +map1.toFixed(1),
        medianMs: +(await median(() => mapSvg(en, byCountry))).toFixed(2),
        bytes: svg.length,
      },
      growthSvg: {
        firstMs: +growth1.toFixed(1),
        medianMs: +(await median(() => growthSvg(en, cumulative(days, '2026-03-01')))).toFixed(2),
        bytes: g.length,
        days: 60,
      },
      ogPng: {
        firstMs: +og1.toFixed(1),
        firstArMs: +ogAr1.toFixed(1),
        medianMs: +(await median(() => renderCardPng(cardSvg(en, card)), 10)).toFixed(1),
        bytes: png.length,
      },
    },
    null,
    1,
  ),
);
