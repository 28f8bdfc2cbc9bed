/** What the email's domain says about the signer's link to the organisation's website. */
export type DomainCheck = 'match' | 'mismatch' | 'free-mail' | 'no-website';

const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.fr',
  'yahoo.co.uk',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'proton.me',
  'protonmail.com',
  'yandex.ru',
  'mail.ru',
  'libero.it',
  'tutanota.com',
]);
// Second-level labels under country codes that are not registrable themselves (co.uk, org.br, …).
const SECOND_LEVEL = new Set([
  'co',
  'com',
  'org',
  'net',
  'gov',
  'gob',
  'ac',
  'edu',
  'or',
  'ne',
  'go',
  'asso',
  'nic',
  'ltd',
  'plc',
]);

const host = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');

/** The host without its first label, unless that would leave a public suffix such as org.uk. */
function parent(h: string): string | undefined {
  const labels = h.split('.');
  if (labels.length < 3) {
    return undefined;
  }
  const rest = labels.slice(1);
  if (rest.length === 2 && SECOND_LEVEL.has(rest[0]!) && rest[1]!.length === 2) {
    return undefined;
  }
  return rest.join('.');
}

/**
 * Registrable-domain-ish comparison (no public-suffix list): equal hosts after stripping www.,
 * one a subdomain of the other, or the same parent (mail.cgt.fr ~ www.cgt.fr).
 */
export function checkEmailDomain(email: string | null, website: string | null): DomainCheck {
  const e = email ? host(email.slice(email.lastIndexOf('@') + 1)) : '';
  let w = '';
  if (website) {
    try {
      w = host(new URL(website).hostname);
    } catch {
      w = '';
    }
  }
  if (
    e &&
    w &&
    (e === w ||
      e.endsWith(`.${w}`) ||
      w.endsWith(`.${e}`) ||
      (parent(e) !== undefined && parent(e) === parent(w)))
  ) {
    return 'match';
  }
  if (e && FREE_MAIL.has(e)) {
    return 'free-mail';
  }
  return w ? 'mismatch' : 'no-website';
}
