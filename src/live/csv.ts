import type { PublicItem } from './signatories.js';

export const CSV_COLUMNS = ['id', 'name', 'type', 'country', 'city', 'website', 'members', 'publishedAt'] as const;

/**
 * A spreadsheet opening the file must not run a cell as a formula (CSV injection, OWASP): text
 * that starts with = + - @ (or a tab / carriage return) gets a leading apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Neutralised cells are quoted too (OWASP), so no reader strips the apostrophe as whitespace noise.
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The public list as CSV (RFC 4180, CRLF), with a BOM so spreadsheet software reads UTF-8 names right. */
export function signatoriesCsv(items: PublicItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of items) {
    lines.push([i.id, i.name, i.type, i.country, i.city, i.website, i.members, i.publishedAt].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
