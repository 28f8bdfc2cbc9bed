/** One record of a CSV file and the line (1-based, counting physical lines) where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

/**
 * RFC 4180, as spreadsheets write it: a UTF-8 byte-order mark is dropped; the separator is `,` or
 * `;` (French, German, Spanish, Italian and Portuguese spreadsheets save with `;`), whichever the
 * header line has more of outside quotes; quoted cells may hold separators, doubled quotes and
 * line breaks; lines end in CRLF or LF. Blank lines are skipped. An unclosed quote is an error
 * naming the line where the cell began.
 */
export function parseCsv(text: string): CsvParse {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = detectSeparator(src);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || touched) {
      records.push({ line: start, cells });
    }
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') {
          line++;
        }
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      quoteLine = line;
      touched = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' && src[i + 1] === '\n') {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) {
    return { ok: false, line: quoteLine };
  }
  if (cell !== '' || cells.length || touched) {
    endRecord();
  }
  return { ok: true, records };
}

function detectSeparator(src: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of src) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === '\n' || ch === '\r')) {
      break;
    } else if (!quoted && ch === ',') {
      commas++;
    } else if (!quoted && ch === ';') {
      semicolons++;
    }
  }
  return semicolons > commas ? ';' : ',';
}
