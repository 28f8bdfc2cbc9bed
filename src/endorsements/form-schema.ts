import * as v from 'valibot';
import { ORG_TYPES, type OrgType } from '../db/database.js';
import type { MessageKey } from '../i18n/i18n.js';
import { isCountryCode } from './countries.js';

/** The fields of the endorsement form (README "Endorsing a statement"). Anything else in a request body is ignored. */
export const FORM_FIELDS = [
  'org_name',
  'org_type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'authorised',
  'updates',
  'comment',
  'locale',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** The anti-bot field: invisible to people, tempting to form-filling bots. */
export const HONEYPOT_FIELD = 'homepage';

export const LIMITS = {
  orgNameMin: 2,
  orgNameMax: 200,
  city: 100,
  website: 300,
  members: 2_000_000_000,
  contactName: 200,
  contactRole: 200,
  email: 254,
  comment: 2000,
} as const;

/** What a valid form becomes: normalised, typed, ready to store. */
export interface EndorseInput {
  orgName: string;
  orgType: OrgType;
  country: string;
  city: string | null;
  website: string | null;
  members: number | null;
  contactName: string;
  contactRole: string | null;
  email: string;
  emailNormalised: string;
  updates: boolean;
  comment: string | null;
}

/** Length as a person counts it (and as PostgreSQL's length() does): code points, not UTF-16 units. */
export const charLength = (s: string) => [...s].length;

// Invisible characters that only serve to spoof or hide text; ZWJ/ZWNJ stay (needed by some scripts).
const INVISIBLE = /[\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of text: NFC, no control or invisible characters, runs of spaces collapsed, trimmed. */
export function cleanLine(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
}

/** Free text over several lines: each line cleaned, at most one blank line in a row. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Checked sensibly, not by a giant regex: one local part and a domain of at least two DNS labels,
 * no spaces or characters that need quoting. The real check is the confirmation email.
 */
export function isPlausibleEmail(s: string): boolean {
  if (s.length > LIMITS.email) {
    return false;
  }
  const at = s.lastIndexOf('@');
  if (at < 1 || at === s.length - 1) {
    return false;
  }
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || /[\s"(),:;<>@[\\\]]/u.test(local)) {
    return false;
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return false;
  }
  const labels = domain.split('.');
  if (labels.length < 2) {
    return false;
  }
  if (
    !labels.every(
      (l) => l.length >= 1 && l.length <= 63 && /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(l),
    )
  ) {
    return false;
  }
  return !/^\d+$/.test(labels.at(-1)!);
}

/**
 * A website as people type it. A bare "example.org" gets `https://` in front (people on phones
 * rarely type the scheme); anything with another scheme (javascript:, mailto:, ftp:) is refused.
 * Returns undefined when it is not an http(s) address with a real-looking host name.
 */
export function normaliseWebsite(s: string): string | undefined {
  if (/\s/.test(s)) {
    return undefined;
  }
  let url = s;
  if (!/^https?:\/\//i.test(url)) {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(url)) {
      return undefined;
    } // another scheme
    url = `https://${url.replace(/^\/+/, '')}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return undefined;
  }
  if (parsed.username || parsed.password) {
    return undefined;
  }
  const host = parsed.hostname;
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.') || host.includes('..')) {
    return undefined;
  }
  return url.replace(/^https?:/i, (m) => m.toLowerCase());
}

const THOUSANDS = /^\d{1,3}(?:[\s\u00a0\u202f\u2009,.'’_]\d{3})+$/u;

/** "12 000", "12,000", "12.000", "12 000" (thin space) all mean twelve thousand; "1.5" is not a head count. */
export function parseMembers(s: string): number | undefined {
  if (!/^\d+$/.test(s) && !THOUSANDS.test(s)) {
    return undefined;
  }
  const n = Number(s.replace(/\D/g, ''));
  return Number.isSafeInteger(n) && n <= LIMITS.members ? n : undefined;
}

const K = <T extends MessageKey>(k: T) => k;

const line = v.pipe(v.string(), v.transform(cleanLine));
const maxChars = (max: number, key: MessageKey) => v.check((s: string) => charLength(s) <= max, key);
const required = (key: MessageKey) => v.check((s: string) => s.length > 0, key);
const optional = <T>(map: (s: string) => T) => v.transform((s: string) => (s === '' ? null : map(s)));

/**
 * The form schema. Each message is a catalogue key, translated into the form's language at the
 * edge; one message per field (the first rule it breaks).
 */
export const EndorseFormSchema = v.object({
  org_name: v.pipe(
    line,
    required(K('endorse.error.orgNameRequired')),
    v.check(
      (s) => charLength(s) >= LIMITS.orgNameMin && charLength(s) <= LIMITS.orgNameMax,
      K('endorse.error.orgNameLength'),
    ),
  ),
  org_type: v.pipe(
    line,
    v.check((s) => (ORG_TYPES as readonly string[]).includes(s), K('endorse.error.orgTypeRequired')),
    v.transform((s) => s as OrgType),
  ),
  country: v.pipe(
    line,
    v.transform((s) => s.toUpperCase()),
    required(K('endorse.error.countryRequired')),
    v.check(isCountryCode, K('endorse.error.countryInvalid')),
  ),
  city: v.pipe(
    line,
    maxChars(LIMITS.city, K('endorse.error.cityLength')),
    optional((s) => s),
  ),
  website: v.pipe(
    line,
    maxChars(LIMITS.website, K('endorse.error.websiteLength')),
    v.check((s) => s === '' || normaliseWebsite(s) !== undefined, K('endorse.error.websiteInvalid')),
    optional((s) => normaliseWebsite(s)!),
  ),
  members: v.pipe(
    line,
    v.check((s) => s === '' || parseMembers(s) !== undefined, K('endorse.error.membersInvalid')),
    optional((s) => parseMembers(s)!),
  ),
  contact_name: v.pipe(
    line,
    required(K('endorse.error.contactNameRequired')),
    maxChars(LIMITS.contactName, K('endorse.error.contactNameLength')),
  ),
  contact_role: v.pipe(
    line,
    maxChars(LIMITS.contactRole, K('endorse.error.contactRoleLength')),
    optional((s) => s),
  ),
  email: v.pipe(
    line,
    required(K('endorse.error.emailRequired')),
    v.check(isPlausibleEmail, K('endorse.error.emailInvalid')),
  ),
  authorised: v.pipe(
    v.string(),
    v.check((s) => s !== '', K('endorse.error.authorisedRequired')),
  ),
  updates: v.pipe(
    v.string(),
    v.transform((s) => s !== ''),
  ),
  comment: v.pipe(
    v.string(),
    v.transform(cleanText),
    maxChars(LIMITS.comment, K('endorse.error.commentLength')),
    optional((s) => s),
  ),
});

export type EndorseFormResult =
  { ok: true; value: EndorseInput } | { ok: false; errors: Partial<Record<FormField, MessageKey>> };

/** Validate the raw strings of a submission; every field is checked so the page can show all problems at once. */
export function parseEndorseForm(raw: Record<FormField, string>): EndorseFormResult {
  const result = v.safeParse(EndorseFormSchema, raw, { abortPipeEarly: true });
  if (!result.success) {
    const errors: Partial<Record<FormField, MessageKey>> = {};
    for (const issue of result.issues) {
      const key = issue.path?.[0]?.key as FormField | undefined;
      if (key && !errors[key]) {
        errors[key] = issue.message as MessageKey;
      }
    }
    return { ok: false, errors };
  }
  const o = result.output;
  return {
    ok: true,
    value: {
      orgName: o.org_name,
      orgType: o.org_type,
      country: o.country,
      city: o.city,
      website: o.website,
      members: o.members,
      contactName: o.contact_name,
      contactRole: o.contact_role,
      email: o.email,
      emailNormalised: normaliseEmail(o.email),
      updates: o.updates,
      comment: o.comment,
    },
  };
}

/** The key for "same email": case-folded whole address (mailbox case-sensitivity is never relied on in practice). */
export function normaliseEmail(email: string): string {
  return cleanLine(email).toLowerCase();
}

/**
 * Read the form body without trusting its shape: urlencoded or multipart, repeated keys (the first
 * text value wins), files and unknown fields ignored, oversized values cut. A body that cannot be
 * parsed reads as empty, which the schema then reports field by field — never a 500.
 */
export async function readFormFields<F extends string>(
  req: { parseBody(opts: { all: true }): Promise<Record<string, unknown>> },
  fields: readonly F[],
): Promise<Record<F, string>> {
  let body: Record<string, unknown>;
  try {
    body = await req.parseBody({ all: true });
  } catch {
    body = {};
  }
  const out = {} as Record<F, string>;
  for (const f of fields) {
    const value = Object.hasOwn(body, f) ? body[f] : undefined;
    const first = Array.isArray(value) ? value.find((x) => typeof x === 'string') : value;
    out[f] = typeof first === 'string' ? first.slice(0, 10_000) : '';
  }
  return out;
}
