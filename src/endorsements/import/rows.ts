import { ENDORSEMENT_SOURCES, type EndorsementSource } from '../../db/database.js';
import { isLocale, LOCALES, type MessageKey } from '../../i18n/i18n.js';
import { cleanText, FORM_FIELDS, normaliseEmail, parseEndorseForm, type FormField } from '../form-schema.js';
import type { EntryMode, StaffEntry } from '../lifecycle/index.js';
import { organisationKey } from '../organisations.js';
import { parseCsv } from './csv.js';

/** The CSV header uses the form's field names (README "Launching a statement"), plus source and evidence. */
export const IMPORT_COLUMNS = [
  'org_name',
  'org_type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'locale',
  'initiator',
  'source',
  'evidence',
] as const;
export type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = ['org_name', 'org_type', 'country'];

/** Bounded work per file: the web page also caps its size (2 MB). */
export const MAX_IMPORT_ROWS = 20_000;

/** `line N: field: why`, the why as a catalogue key so the staff page says it in its language. */
export interface ImportProblem {
  line: number;
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportRows {
  entries: StaffEntry[];
  /** The line of each entry in the file. */
  lines: number[];
}

export type ImportRead = ({ ok: true } & ImportRows) | { ok: false; problems: ImportProblem[] };

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'sí', 'si', 'ja', 'sim', 'نعم']);
const NO = new Set(['', 'no', 'n', 'false', '0', 'non', 'nein', 'não', 'nao', 'لا']);

/**
 * Read an import file into entries, or list every problem — each bad cell of each bad row, not
 * only the first — so staff fix the file in one go. The form's own rules check each row (the same
 * schema as the public form); the address and the contact's name are needed only to send links.
 */
export function readImportFile(text: string, opts: EntryOptions): ImportRead {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ line: parsed.line, field: '-', key: 'launch.import.error.quote' }] };
  }
  const [header, ...records] = parsed.records;
  if (!header || records.length === 0) {
    return { ok: false, problems: [{ line: 1, field: '-', key: 'launch.import.error.empty' }] };
  }
  const problems: ImportProblem[] = [];
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  columns.forEach((name) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        line: header.line,
        field: name || '-',
        key: 'launch.import.error.header',
        params: { columns: IMPORT_COLUMNS.join(', ') },
      });
    }
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) {
      problems.push({ line: header.line, field: name, key: 'launch.import.error.missingColumn' });
    }
  }
  if (records.length > MAX_IMPORT_ROWS) {
    problems.push({
      line: records[MAX_IMPORT_ROWS]!.line,
      field: '-',
      key: 'launch.import.error.tooMany',
      params: { max: MAX_IMPORT_ROWS },
    });
  }
  if (problems.length) {
    return { ok: false, problems };
  }
  const entries: StaffEntry[] = [];
  const lines: number[] = [];
  const seenOrg = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  for (const record of records) {
    const { line, cells } = record;
    if (cells.length !== columns.length) {
      problems.push({
        line,
        field: '-',
        key: 'launch.import.error.cells',
        params: { found: cells.length, expected: columns.length },
      });
      continue;
    }
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : (cells[i] ?? '').trim();
    };
    const row = entryFromCells(get, line, opts);
    problems.push(...row.problems);
    if (!row.entry) {
      continue;
    }
    const v = row.entry;
    const orgKey = `${v.country}|${organisationKey(v.orgName)}`;
    const sameOrg = seenOrg.get(orgKey);
    if (sameOrg !== undefined) {
      problems.push({
        line,
        field: 'org_name',
        key: 'launch.import.error.sameInFile',
        params: { line: sameOrg },
      });
      continue;
    }
    seenOrg.set(orgKey, line);
    const email = v.emailNormalised;
    if (opts.mode === 'link' && email) {
      const sameEmail = seenEmail.get(email);
      if (sameEmail !== undefined) {
        problems.push({
          line,
          field: 'email',
          key: 'launch.import.error.sameEmail',
          params: { line: sameEmail },
        });
        continue;
      }
      seenEmail.set(email, line);
    }
    entries.push(v);
    lines.push(line);
  }
  return problems.length ? { ok: false, problems } : { ok: true, entries, lines };
}

/** A problem as the CLI prints it: `line N: field: why` (in English, or the given translator). */
export function formatProblem(
  p: ImportProblem,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
) {
  return `line ${p.line}: ${p.field}: ${t(p.key, p.params)}`;
}

type EntryOptions = { mode: EntryMode; defaultLocale: string; source?: EndorsementSource | null };

/**
 * One endorsement from its cells (a CSV row, or the "Add an endorsement" form), checked by the
 * public form's own schema; the address and the contact's name may be absent when staff verify it
 * themselves (a letter signed by a general secretary), and are needed to send a link.
 */
export function entryFromCells(
  get: (column: Column) => string,
  line: number,
  opts: EntryOptions,
): { entry?: StaffEntry; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const raw = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as Record<FormField, string>;
  for (const f of ['org_name', 'org_type', 'country', 'city', 'website', 'members'] as const) {
    raw[f] = get(f);
  }
  raw.contact_role = get('contact_role');
  // Staff vouch for the authority of what they enter; the address and name may be absent when
  // they verify it themselves (a letter signed by a general secretary).
  raw.authorised = 'yes';
  raw.contact_name = get('contact_name') || (opts.mode === 'verify' ? '-' : '');
  raw.email = get('email') || (opts.mode === 'verify' ? 'nobody@example.org' : '');
  const form = parseEndorseForm(raw);
  if (!form.ok) {
    for (const [f, key] of Object.entries(form.errors)) {
      problems.push({ line, field: f, key });
    }
  }
  const locale = get('locale').toLowerCase() || opts.defaultLocale;
  if (!isLocale(locale)) {
    problems.push({
      line,
      field: 'locale',
      key: 'launch.import.error.locale',
      params: { locales: LOCALES.join(', ') },
    });
  }
  const initiatorCell = get('initiator').toLowerCase();
  if (!YES.has(initiatorCell) && !NO.has(initiatorCell)) {
    problems.push({ line, field: 'initiator', key: 'launch.import.error.initiator' });
  }
  const sourceCell = get('source').toLowerCase();
  if (sourceCell && !(ENDORSEMENT_SOURCES as readonly string[]).includes(sourceCell)) {
    problems.push({ line, field: 'source', key: 'staff.add.error.source' });
  }
  if ([...get('evidence')].length > 2000) {
    problems.push({ line, field: 'evidence', key: 'staff.add.error.evidence' });
  }
  if (!form.ok || problems.length) {
    return { problems };
  }
  const v = form.value;
  const email = get('email') ? v.email : null;
  return {
    problems,
    entry: {
      orgName: v.orgName,
      orgType: v.orgType,
      country: v.country,
      city: v.city,
      website: v.website,
      members: v.members,
      contactName: get('contact_name') ? v.contactName : null,
      contactRole: v.contactRole,
      email,
      emailNormalised: email ? normaliseEmail(email) : null,
      locale,
      initiator: YES.has(initiatorCell),
      source: (sourceCell || opts.source || null) as EndorsementSource | null,
      evidence: cleanText(get('evidence')) || null,
    },
  };
}
