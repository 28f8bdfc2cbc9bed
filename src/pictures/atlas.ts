import { createRequire } from 'node:module';
import { geoArea, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { CompactPath } from './path-context.js';

const require = createRequire(import.meta.url);
// The maintained ISO 3166 table without its 80 name catalogues (country names come from Intl).
const { numericToAlpha2 } = require('i18n-iso-countries/index.js') as {
  numericToAlpha2(numeric: string | number): string | undefined;
};

/** A country drawn as its shape (Natural Earth 1:110m). `cc` is undefined for land with no ISO code. */
export interface CountryShape {
  cc: string | undefined;
  d: string;
}

/** A country too small for the 1:110m shapes (Singapore, Malta…): a dot at its centre. */
export interface CountryDot {
  cc: string;
  x: number;
  y: number;
}

export interface World {
  width: number;
  height: number;
  shapes: CountryShape[];
  dots: CountryDot[];
}

export const MAP_WIDTH = 960;
const ANTARCTICA = '010';
/**
 * Natural Earth parts with no ISO 3166-1 numeric code. Kosovo is accepted by the form as XK (see
 * src/endorsements/countries.ts), so it gets its code; the others (N. Cyprus, Somaliland) are drawn
 * as land that is never shaded.
 */
const BY_NAME: Record<string, string> = { Kosovo: 'XK' };

/** What alpha2Of needs of an atlas entry (a GeoJSON feature or a TopoJSON geometry). */
type AtlasEntry = { id?: string | number | undefined; properties?: { name?: string } | null | undefined };

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** The countries of one Natural Earth scale, without Antarctica, and only those `keep` wants. */
function load(
  scale: '110m' | '50m',
  keep: (g: AtlasEntry) => boolean,
): FeatureCollection<Geometry, { name: string }> {
  const topology = require(`world-atlas/countries-${scale}.json`) as Countries;
  const object = topology.objects.countries;
  // Filter before converting: turning every 1:50m arc into coordinates is most of the cost.
  const geometries = object.geometries.filter((g) => String(g.id) !== ANTARCTICA && keep(g));
  return feature(topology, { ...object, geometries }) as FeatureCollection<Geometry, { name: string }>;
}

/** ISO alpha-2 of a Natural Earth feature, or undefined when it has none (handled, never thrown). */
export function alpha2Of(f: AtlasEntry): string | undefined {
  if (f.id !== undefined && f.id !== null && /^\d{1,3}$/.test(String(f.id))) {
    const code = numericToAlpha2(String(f.id));
    if (code) {
      return code;
    }
  }
  const name = f.properties?.name;
  return name ? BY_NAME[name] : undefined;
}

/** The largest ring of a (multi)polygon: an archipelago's dot goes on its main island. */
function mainPart(g: Geometry): Polygon | MultiPolygon | undefined {
  if (g.type === 'Polygon') {
    return g;
  }
  if (g.type !== 'MultiPolygon') {
    return undefined;
  }
  let best: Polygon | undefined;
  let bestArea = -1;
  for (const coordinates of g.coordinates) {
    const p: Polygon = { type: 'Polygon', coordinates };
    const a = geoArea(p);
    if (a > bestArea) {
      best = p;
      bestArea = a;
    }
  }
  return best;
}

let world: World | undefined;

/**
 * The world, projected once per process (Equal Earth: areas stay true, so big countries do not look
 * more endorsed than they are) and kept: every map is this geometry with different fills.
 * Costs a few hundred milliseconds the first time (the 1:50m file is read only for the dots).
 */
export function worldGeometry(): World {
  if (world) {
    return world;
  }
  const countries = load('110m', () => true);
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, countries);
  const [[, top], [, bottom]] = geoPath(projection).bounds(countries);
  // fitWidth leaves the top at 0: shift by the rounding so the map sits inside its box.
  const height = Math.ceil(bottom - Math.min(0, top));
  const shapes: CountryShape[] = [];
  const drawn = new Set<string>();
  for (const f of countries.features) {
    const ctx = new CompactPath();
    geoPath(projection, ctx)(f);
    const cc = alpha2Of(f);
    if (cc) {
      drawn.add(cc);
    }
    shapes.push({ cc, d: ctx.result() });
  }
  const dots: CountryDot[] = [];
  const missing = (g: AtlasEntry) => {
    const cc = alpha2Of(g);
    return cc !== undefined && !drawn.has(cc);
  };
  for (const f of load('50m', missing).features) {
    const cc = alpha2Of(f);
    const part = cc && !drawn.has(cc) ? mainPart(f.geometry) : undefined;
    const at = part ? projection(geoCentroid(part)) : null;
    if (cc && at) {
      drawn.add(cc);
      dots.push({ cc, x: Math.round(at[0] * 10) / 10, y: Math.round(at[1] * 10) / 10 });
    }
  }
  // Shapes first by code so the SVG is the same bytes whatever order the atlas lists them in.
  shapes.sort((a, b) => (a.cc ?? '~').localeCompare(b.cc ?? '~'));
  dots.sort((a, b) => a.cc.localeCompare(b.cc));
  world = { width: MAP_WIDTH, height, shapes, dots };
  return world;
}
