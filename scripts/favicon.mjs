// Writes public/favicon.ico (16, 32 and 48 px PNGs in one ICO) from the SVG below, in the site's accent
// colour: a tick on a rounded square. Run after changing the drawing: node scripts/favicon.mjs
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="12" fill="#b3261e"/>
  <path d="M15 33 l11 11 l23 -25" fill="none" stroke="#fff" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const sizes = [16, 32, 48];
const pngs = sizes.map((size) => new Resvg(SVG, { fitTo: { mode: 'width', value: size } }).render().asPng());
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(size, e); // width
  header.writeUInt8(size, e + 1); // height
  header.writeUInt8(0, e + 2); // no palette
  header.writeUInt8(0, e + 3);
  header.writeUInt16LE(1, e + 4); // planes
  header.writeUInt16LE(32, e + 6); // bits per pixel
  header.writeUInt32LE(pngs[i].length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += pngs[i].length;
});
fs.writeFileSync(new URL('../public/favicon.ico', import.meta.url), Buffer.concat([header, ...pngs]));
console.log(`public/favicon.ico: ${offset} bytes`);
