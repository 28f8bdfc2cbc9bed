/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a value starting with = + - @ or a tab/CR
 * could run as a formula, so it gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends. */
export function csvDocument(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
