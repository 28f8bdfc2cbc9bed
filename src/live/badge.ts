const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** Rough width of text in 11px Verdana, enough to size the badge without a font at hand. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    w += /[ilj.,:;'|!]/.test(ch) ? 3.5 : /[mwMW@]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  }
  return Math.ceil(w);
}

/** A two-part badge ("signatory organisations | 1,234") other sites can show with a plain <img>. */
export function badgeSvg(label: string, value: string): string {
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const l = escapeXml(label);
  const v = escapeXml(value);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${l}: ${v}">` +
    `<title>${l}: ${v}</title>` +
    `<rect width="${lw}" height="20" fill="#4a4a55"/><rect x="${lw}" width="${vw}" height="20" fill="#b3261e"/>` +
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">` +
    `<text x="${lw / 2}" y="14">${l}</text><text x="${lw + vw / 2}" y="14" font-weight="bold">${v}</text>` +
    `</g></svg>`
  );
}
