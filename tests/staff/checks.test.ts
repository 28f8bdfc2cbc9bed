import { describe, expect, it } from 'vitest';
import { checkEmailDomain } from '../../src/staff/domains.js';
import { hashPassword, verifyPassword, generatePassword, OWASP_SCRYPT } from '../../src/staff/passwords.js';
import { initials, levenshtein, looksLikeSameOrganisation } from '../../src/staff/similarity.js';
import { FAST } from './helpers.js';

describe('email domain vs website', () => {
  it.each([
    ['a@cgt.fr', 'https://www.cgt.fr', 'match'],
    ['a@mail.cgt.fr', 'https://cgt.fr/', 'match'],
    ['a@cgt.fr', 'https://federation.cgt.fr', 'match'],
    ['a@mail.cgt.fr', 'https://www.cgt.fr', 'match'],
    ['a@unite.org.uk', 'https://gmb.org.uk', 'mismatch'],
    ['a@cgt.fr', 'https://cfdt.fr', 'mismatch'],
    ['a@gmail.com', 'https://cgt.fr', 'free-mail'],
    ['a@cgt.fr', null, 'no-website'],
    ['a@cgt.fr', 'not a url', 'no-website'],
  ] as const)('%s with %s → %s', (email, website, expected) => {
    expect(checkEmailDomain(email, website)).toBe(expected);
  });
});

describe('possible duplicate names', () => {
  it('finds typos, punctuation, accents and acronyms but not different unions', () => {
    expect(
      looksLikeSameOrganisation('Confédération générale du travail', 'Confederation Generale du Travail'),
    ).toBe(true);
    expect(looksLikeSameOrganisation('C.G.T.', 'CGT')).toBe(true);
    expect(looksLikeSameOrganisation('CGT', 'Confédération générale du travail')).toBe(true);
    expect(looksLikeSameOrganisation('Unite the Union', 'Unite teh Union')).toBe(true);
    expect(looksLikeSameOrganisation('Syndicat des soignants de Lyon', 'Syndicat des soignants Lyon')).toBe(
      true,
    );
    expect(looksLikeSameOrganisation('CGT', 'CFDT')).toBe(false);
    expect(looksLikeSameOrganisation('Unison', 'Unite the Union')).toBe(false);
    expect(initials('federation syndicale unitaire')).toBe('fsu');
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('passwords', () => {
  it('stores scrypt$N$r$p$salt$hash, OWASP parameters by default, and verifies timing-safely', async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword('pässwörd long enough', FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('pässwörd long enough', hash)).toBe(true);
    expect(await verifyPassword('pässwörd long enougH', hash)).toBe(false);
    expect(await hashPassword('pässwörd long enough', FAST)).not.toBe(hash); // salted
    for (const broken of [
      '',
      'scrypt$1024$8$1$abc',
      'bcrypt$x',
      hash.replace('$1024$', '$1000$'),
      'scrypt$4194304$8$1$AAAA$AAAA',
    ]) {
      expect(await verifyPassword('x', broken)).toBe(false);
    }
  });

  it('generates readable 20-character passwords', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(seen.size).toBe(50);
    for (const p of seen) {
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    }
  });
});
