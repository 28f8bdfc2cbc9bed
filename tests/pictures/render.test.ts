import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { i18nFor } from '../../src/i18n/i18n.js';
import { alpha2Of, worldGeometry } from '../../src/pictures/atlas.js';
import { classBreaks, classOf, FILLS } from '../../src/pictures/classes.js';
import { legendLabels, mapSvg } from '../../src/pictures/map-svg.js';
import { cardSvg, wrap } from '../../src/pictures/og-card.js';
import { textWidth } from '../../src/pictures/fonts.js';
import { mapCountries } from './support.js';

const en = i18nFor('en');

describe('the world geometry', () => {
  it('is Natural Earth 1:110m without Antarctica, one path per country, small enough to inline', () => {
    const world = worldGeometry();
    const topology = createRequire(import.meta.url)('world-atlas/countries-110m.json') as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const atlas = feature(topology, topology.objects.countries).features;
    expect(world.shapes).toHaveLength(atlas.length - 1);
    const codes = world.shapes.map((s) => s.cc).filter(Boolean);
    expect(codes).not.toContain('AQ');
    expect(new Set(codes).size).toBe(codes.length);
    const svg = mapSvg(en, {});
    expect(svg.length).toBeLessThan(90_000);
    // Coordinates have at most one decimal.
    expect(svg).not.toMatch(/\d\.\d\d/);
  });

  it('maps atlas ids to ISO alpha-2 with the maintained table, and survives ids it lacks', () => {
    expect(alpha2Of({ id: '250', properties: { name: 'France' } })).toBe('FR');
    expect(alpha2Of({ id: '004', properties: { name: 'Afghanistan' } })).toBe('AF');
    expect(alpha2Of({ id: undefined, properties: { name: 'Kosovo' } })).toBe('XK');
    expect(alpha2Of({ id: undefined, properties: { name: 'N. Cyprus' } })).toBeUndefined();
    expect(alpha2Of({ id: '-99', properties: { name: 'Somaliland' } })).toBeUndefined();
    expect(alpha2Of({ id: '999', properties: null })).toBeUndefined();
    // Land without a code is drawn, never shaded, and carries no data-cc.
    const unnamed = worldGeometry().shapes.filter((s) => !s.cc);
    expect(unnamed.length).toBeGreaterThan(0);
    expect(mapSvg(en, { FR: 1 }).match(/<path d=/g)?.length).toBe(unnamed.length);
  });

  it('shows small countries as dots, only while they have signatories', () => {
    const countries = mapCountries(mapSvg(en, { MT: 2 }));
    expect(countries.get('MT')).toMatchObject({ tag: 'circle', hidden: false, n: 2 });
    expect(countries.get('SG')).toMatchObject({ tag: 'circle', hidden: true });
  });
});

describe('colour classes', () => {
  it('five classes spread up to the largest count, stated as ranges in the legend', () => {
    expect(classBreaks(3)).toEqual([1, 2, 3, 4, 5]);
    expect(classBreaks(100)).toEqual([1, 2, 5, 10, 30]);
    expect(legendLabels(en, classBreaks(100))).toEqual(['1', '2–4', '5–9', '10–29', '30+']);
    expect(legendLabels(en, classBreaks(4))).toEqual(['1', '2', '3', '4', '5+']);
    expect(legendLabels(i18nFor('de'), [1, 3, 10, 50, 2000])).toEqual([
      '1–2',
      '3–9',
      '10–49',
      '50–1.999',
      '2.000+',
    ]);
    expect(classOf(0, [1, 2, 5])).toBe(-1);
    expect(classOf(4, [1, 2, 5])).toBe(1);
    expect(classOf(10_000, [1, 2, 5])).toBe(2);
    for (let max = 1; max < 100_000; max = Math.ceil(max * 1.7)) {
      const b = classBreaks(max);
      expect(b).toHaveLength(FILLS.length);
      expect([...b].sort((x, y) => x - y)).toEqual(b);
      expect(new Set(b).size).toBe(b.length);
    }
  });

  it('each class is darker than the last, in greyscale too', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const v = parseInt(hex.slice(i, i + 2), 16) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const l = FILLS.map(luminance);
    for (let i = 1; i < l.length; i++) {
      // At least 1.3:1 contrast between neighbouring steps.
      expect((l[i - 1]! + 0.05) / (l[i]! + 0.05)).toBeGreaterThan(1.3);
    }
  });
});

describe('the share card', () => {
  it('wraps a long title to three lines at most, ending in an ellipsis', () => {
    const long = 'A fair deal for care workers '.repeat(8).trim();
    const r = wrap(long, 60, 1056, 3);
    expect(r.cut).toBe(true);
    expect(r.lines).toHaveLength(3);
    expect(r.lines[2]).toMatch(/…$/);
    for (const line of r.lines) {
      expect(textWidth(line, 60, true)).toBeLessThanOrEqual(1056);
    }
    expect(wrap('Short title', 60, 1056, 3)).toEqual({ lines: ['Short title'], cut: false });
  });

  it('escapes the title and carries nothing but the title and the counts', () => {
    const svg = cardSvg(en, {
      title: '<script>alert(1)</script> & "friends"',
      titleDir: 'ltr',
      total: 1234,
      countries: 5,
      byCountry: { FR: 1234 },
      site: 'campaign.example.org',
    });
    expect(svg).not.toContain('<script>');
    // Wrapped over two lines at this size.
    expect(svg).toContain('>&lt;script&gt;alert(1)&lt;/script&gt; &amp;</text>');
    expect(svg).toContain('>&quot;friends&quot;</text>');
    expect(svg).toContain('>1,234</text>');
  });
});
