/**
 * The one CSV writer, for the public list and the staff exports alike (RFC 4180, CRLF line ends,
 * a byte-order mark so spreadsheet software reads UTF-8 names right).
 *
 * Spreadsheets in French, German, Spanish, Italian and Portuguese split on ";" rather than ",", so a
 * cell holding either, a quote, CR or LF is quoted. A value that starts with = + - @ TAB or CR could
 * run as a formula (OWASP "CSV injection"): it gets a leading apostrophe and is quoted too, so no
 * reader strips the apostrophe as noise.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : String(value);
  const neutralised = /^[=+\-@\t\r]/.test(text);
  const safe = neutralised ? `'${text}` : text;
  return neutralised || /[,;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: header row, then one row per record. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
