import { inflateSync } from 'node:zlib';

export interface MapCountry {
  cc: string;
  tag: string;
  fill: string | undefined;
  n: number | undefined;
  hidden: boolean;
  title: string | undefined;
}

const attr = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every country element of a map SVG (paths and dots), with its own fill, count and title. */
export function mapCountries(svg: string): Map<string, MapCountry> {
  const out = new Map<string, MapCountry>();
  const re = /<(path|circle)\b([^>]*?)(\/>|>(?:<title>([^<]*)<\/title>)?<\/\1>)/g;
  for (const m of svg.matchAll(re)) {
    const attrs = m[2] ?? '';
    const cc = attr(attrs, 'data-cc');
    if (!cc) {
      continue;
    }
    const n = attr(attrs, 'data-n');
    out.set(cc, {
      cc,
      tag: m[1]!,
      fill: attr(attrs, 'fill'),
      n: n === undefined ? undefined : Number(n),
      hidden: attr(attrs, 'display') === 'none',
      title: m[4] === undefined ? undefined : unescape(m[4]),
    });
  }
  return out;
}

/** The countries a reader sees shaded: an own fill, and not hidden. */
export function shadedCodes(svg: string): string[] {
  return [...mapCountries(svg).values()]
    .filter((c) => c.fill !== undefined && !c.hidden)
    .map((c) => c.cc)
    .sort();
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  /** Bytes of image data after inflating every IDAT chunk. */
  inflated: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A minimal PNG decoder, enough to prove a file is a whole image: the signature, every chunk's
 * CRC, IHDR, and the IDAT stream inflating to exactly one filtered row per line of pixels.
 */
export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('not a PNG signature');
  }
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let bitDepth = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = png.readUInt32BE(at + 8 + len);
    if (crc32(png.subarray(at + 4, at + 8 + len)) !== crc) {
      throw new Error(`bad CRC in ${type}`);
    }
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8]!;
      colorType = data[9]!;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + len;
  }
  if (!ended) {
    throw new Error('no IEND');
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType as 0 | 2 | 3 | 4 | 6];
  if (!channels || bitDepth !== 8) {
    throw new Error(`unexpected colour type ${colorType} / depth ${bitDepth}`);
  }
  const inflated = inflateSync(Buffer.concat(idat)).length;
  if (inflated !== height * (1 + width * channels)) {
    throw new Error(`image data of ${inflated} bytes for ${width}×${height}`);
  }
  return { width, height, colorType, inflated };
}
