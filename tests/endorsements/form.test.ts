import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { endorse, endorsementsOf, outbox, validForm } from './support.js';

let ctx: TestContext;
let statement: { id: number; slug: string };
beforeAll(async () => {
  ctx = await createTestContext();
  statement = await ctx.statement({ title: 'A fair deal for care workers' });
});
afterAll(() => ctx.close());

const page = async (path: string, headers: Record<string, string> = {}) =>
  (await ctx.app.request(path, { headers })).text();

describe('the endorsement form', () => {
  it('is under the statement, with a visible label for every field, and works without JavaScript', async () => {
    const html = await page(`/s/${statement.slug}`);
    expect(html).toContain(
      `<form method="post" action="/s/${statement.slug}/endorse?lang=en#endorse" novalidate`,
    );
    for (const [id, label] of [
      ['org_name', 'Name of the organisation'],
      ['country', 'Country'],
      ['city', 'City or town'],
      ['website', 'Website'],
      ['members', 'Number of members'],
      ['contact_name', 'Your name'],
      ['contact_role', 'Your role in the organisation'],
      ['email', 'Your email address'],
      ['comment', 'Message to the organisers'],
    ]) {
      expect(html, id).toMatch(new RegExp(`<label for="f-${id}">${label}`));
      expect(html, id).toMatch(new RegExp(`id="f-${id}" name="${id}"`));
    }
    expect(html).toContain('I am authorised to endorse on behalf of this organisation');
    expect(html).toMatch(
      /<input type="checkbox" id="f-authorised" name="authorised" value="yes" required=""/,
    );
    // The opt-in is not ticked for anyone.
    expect(html).toMatch(/<input type="checkbox" id="f-updates" name="updates" value="yes"\/>/);
    expect(html).toContain('<input type="hidden" name="locale" value="en"/>');
    // Organisation types in plain words.
    for (const words of [
      'Trade union',
      'Federation or confederation of unions',
      'Union branch or section',
      'Association, NGO or community group',
    ]) {
      expect(html).toContain(words);
    }
    expect(html).toMatch(/autocomplete="email" inputmode="email"/);
    expect(html).toMatch(/name="members"[^>]*inputmode="numeric"/);
  });

  it('hides the honeypot from people, screen readers, keyboards and autofill', async () => {
    const html = await page(`/s/${statement.slug}`);
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true"><label for="f-homepage">[^<]+<\/label><input type="text" id="f-homepage" name="homepage" value="" tabindex="-1" autocomplete="off"\/><\/div>/,
    );
  });

  it('lists countries by alpha-2 code with names in the reader’s language, sorted as that language sorts', async () => {
    const en = await page(`/s/${statement.slug}`);
    expect(en).toContain('<option value="DE">Germany</option>');
    const fr = await page(`/s/${statement.slug}?lang=fr`);
    expect(fr).toContain('<option value="DE">Allemagne</option>');
    expect(fr).toContain('<option value="">Choisissez un pays</option>');
    // É sorts with E in French (a code-point sort would put Égypte after Zimbabwe).
    expect(fr.indexOf('>Égypte<')).toBeGreaterThan(fr.indexOf('>Danemark<'));
    expect(fr.indexOf('>Égypte<')).toBeLessThan(fr.indexOf('>Espagne<'));
    expect((fr.match(/<option value="[A-Z]{2}">/g) ?? []).length).toBe(250);
  });

  it('a closed statement shows no form', async () => {
    const closed = await ctx.statement({ closesAt: new Date('2026-01-01T00:00:00Z') });
    const html = await page(`/s/${closed.slug}`);
    expect(html).not.toContain('name="org_name"');
    expect(html).toContain('This statement is closed');
  });
});

describe('POST /s/:slug/endorse — valid', () => {
  it('stores a pending endorsement and its email in one go, then 303 to check-email', async () => {
    const s = await ctx.statement();
    const res = await endorse(
      ctx,
      s.slug,
      validForm({
        email: 'Officer@Union.Example.org',
        members: '12 000',
        website: 'union.example.org',
        updates: 'yes',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${s.slug}/check-email`);
    const [row] = await endorsementsOf(ctx, s.id);
    expect(row).toMatchObject({
      status: 'pending',
      display_name: 'Syndicat des Soignants',
      org_type: 'union',
      country: 'FR',
      city: 'Lyon',
      website: 'https://union.example.org',
      members: 12000,
      contact_name: 'Marie Curie',
      contact_role: 'Secrétaire générale',
      email: 'Officer@Union.Example.org',
      email_normalised: 'officer@union.example.org',
      comment: 'Private note for the organisers',
      updates_opt_in: true,
      locale: 'en',
      confirmed_at: null,
      published_at: null,
    });
    // app.request() has no socket: no address, so no hash.
    expect(row!.ip_hash).toBeNull();
    const mails = (await outbox(ctx)).filter((m) => m.endorsement_id === row!.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'confirm-endorsement',
      locale: 'en',
      to_address: 'Officer@Union.Example.org',
      status: 'queued',
    });
    expect(mails[0]!.data).toMatchObject({
      statementTitle: `Statement ${s.slug}`,
      organisation: 'Syndicat des Soignants',
      validFor: '7 days',
    });
  });

  it('normalises what people type: spaces, Unicode forms, thousands separators', async () => {
    const cases: Array<[string, number]> = [
      ['12,000', 12000],
      ['12.000', 12000],
      ['12\u202f000', 12000],
      ['12\u00a0000', 12000],
      ['0', 0],
      ['1 234 567', 1234567],
    ];
    for (const [typed, members] of cases) {
      const s = await ctx.statement();
      const res = await endorse(
        ctx,
        s.slug,
        validForm({ members: typed, org_name: '  Cafe\u0301   des\tTravailleurs  ', city: '' }),
      );
      expect(res.status, typed).toBe(303);
      const [row] = await endorsementsOf(ctx, s.id);
      expect(row!.members, typed).toBe(members);
      expect(row!.display_name).toBe('Café des Travailleurs');
      expect(row!.city).toBeNull();
    }
  });

  it('repeated keys take the first value and unknown fields are ignored — never a 500', async () => {
    const s = await ctx.statement();
    const res = await endorse(ctx, s.slug, {
      ...validForm(),
      org_name: ['First Union', 'Second Union'],
      status: 'verified',
      published_at: 'now',
      id: '1',
    });
    expect(res.status).toBe(303);
    const [row] = await endorsementsOf(ctx, s.id);
    expect(row).toMatchObject({ display_name: 'First Union', status: 'pending', published_at: null });
  });

  it('a body that is not a form is answered with the form errors, not a crash', async () => {
    const res = await ctx.app.request(`/s/${statement.slug}/endorse`, {
      method: 'POST',
      body: JSON.stringify(validForm()),
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
    });
    expect(res.status).toBe(422);
    const broken = await ctx.app.request(`/s/${statement.slug}/endorse`, {
      method: 'POST',
      body: '--xx\r\nContent-Disposition: form-data; name="org_name"\r\n\r\nbroken',
      headers: { 'content-type': 'multipart/form-data; boundary=xx', origin: 'http://localhost:3000' },
    });
    expect(broken.status).toBeLessThan(500);
  });

  it('reads X-Forwarded-For only with TRUST_PROXY, and stores only a keyed hash of the address', async () => {
    const proxied = await createTestContext({ config: { trustProxy: true } });
    try {
      const s = await proxied.statement();
      await endorse(proxied, s.slug, validForm(), { 'x-forwarded-for': '203.0.113.9' });
      const [row] = await endorsementsOf(proxied, s.id);
      expect(row!.ip_hash).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(row!.ip_hash).not.toContain('203.0.113.9');
    } finally {
      await proxied.close();
    }
    const s = await ctx.statement();
    await endorse(ctx, s.slug, validForm(), { 'x-forwarded-for': '203.0.113.9' });
    const [row] = await endorsementsOf(ctx, s.id);
    expect(row!.ip_hash).toBeNull();
  });
});

describe('POST /s/:slug/endorse — invalid → 422 with each problem by its field', () => {
  const rules: Array<[string, Record<string, string>, string]> = [
    ['org_name', { org_name: '' }, 'Enter the name of the organisation'],
    ['org_name', { org_name: '   ' }, 'Enter the name of the organisation'],
    ['org_name', { org_name: 'A' }, 'The name of the organisation must be between 2 and 200 characters'],
    [
      'org_name',
      { org_name: 'x'.repeat(201) },
      'The name of the organisation must be between 2 and 200 characters',
    ],
    ['org_type', { org_type: '' }, 'Choose the type of organisation'],
    ['org_type', { org_type: 'cult' }, 'Choose the type of organisation'],
    ['country', { country: '' }, 'Choose the country of the organisation'],
    ['country', { country: 'XX' }, 'Choose a country from the list'],
    ['country', { country: 'France' }, 'Choose a country from the list'],
    ['city', { city: 'c'.repeat(101) }, 'The city must be 100 characters or fewer'],
    [
      'website',
      { website: 'javascript:alert(1)' },
      'Enter a website address such as example.org or https://example.org',
    ],
    [
      'website',
      { website: 'ftp://files.example.org' },
      'Enter a website address such as example.org or https://example.org',
    ],
    [
      'website',
      { website: 'not a website' },
      'Enter a website address such as example.org or https://example.org',
    ],
    [
      'website',
      { website: 'localhost' },
      'Enter a website address such as example.org or https://example.org',
    ],
    [
      'website',
      { website: 'https://user:pw@example.org' },
      'Enter a website address such as example.org or https://example.org',
    ],
    [
      'website',
      { website: `https://example.org/${'p'.repeat(300)}` },
      'The website address must be 300 characters or fewer',
    ],
    ['members', { members: 'many' }, 'Enter the number of members as a whole number, such as 12000'],
    ['members', { members: '-5' }, 'Enter the number of members as a whole number, such as 12000'],
    ['members', { members: '1.5' }, 'Enter the number of members as a whole number, such as 12000'],
    ['members', { members: '99999999999' }, 'Enter the number of members as a whole number, such as 12000'],
    ['contact_name', { contact_name: '' }, 'Enter your name'],
    ['contact_name', { contact_name: 'n'.repeat(201) }, 'Your name must be 200 characters or fewer'],
    ['contact_role', { contact_role: 'r'.repeat(201) }, 'Your role must be 200 characters or fewer'],
    ['email', { email: '' }, 'Enter your email address'],
    ['email', { email: 'marie' }, 'Enter an email address in the right format, such as name@example.org'],
    [
      'email',
      { email: 'marie@localhost' },
      'Enter an email address in the right format, such as name@example.org',
    ],
    [
      'email',
      { email: 'marie curie@example.org' },
      'Enter an email address in the right format, such as name@example.org',
    ],
    [
      'email',
      { email: 'marie@@example.org' },
      'Enter an email address in the right format, such as name@example.org',
    ],
    [
      'email',
      { email: `${'m'.repeat(250)}@example.org` },
      'Enter an email address in the right format, such as name@example.org',
    ],
    [
      'authorised',
      { authorised: '' },
      'Tick the box to say that you may endorse on behalf of this organisation',
    ],
    ['comment', { comment: 'c'.repeat(2001) }, 'The message must be 2000 characters or fewer'],
  ];

  it.each(rules)('%s: %j', async (field, overrides, message) => {
    const res = await endorse(ctx, statement.slug, validForm(overrides));
    expect(res.status).toBe(422);
    const html = await res.text();
    // The whole statement page comes back, with the summary at the top of the form linking to the field…
    expect(html).toContain('<h1>A fair deal for care workers</h1>');
    expect(html).toMatch(/<div class="error-summary" role="alert"/);
    expect(html).toContain(`<a href="#f-${field}">${message}</a>`);
    // …and the message next to the field, tied to it for screen readers.
    expect(html).toContain(`<span class="error-text" id="f-${field}-error">${message}</span>`);
    expect(html).toMatch(new RegExp(`aria-describedby="[^"]*f-${field}-error"`));
    if (field !== 'org_type') {
      expect(html).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    }
    // Only this field is wrong.
    expect((html.match(/class="error-text"/g) ?? []).length).toBe(1);
  });

  it('keeps everything typed, escaped', async () => {
    const res = await endorse(
      ctx,
      statement.slug,
      validForm({
        org_name: 'Union "<b>bold</b>"',
        org_type: 'federation',
        country: 'BE',
        email: 'bad',
        members: '1 000',
        comment: 'Line one\n<script>x</script>',
        updates: 'yes',
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Union &quot;&lt;b&gt;bold&lt;/b&gt;&quot;"');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toMatch(/value="federation" checked=""/);
    expect(html).toContain('<option value="BE" selected="">Belgium</option>');
    expect(html).toContain('name="email" value="bad"');
    expect(html).toContain('name="members" value="1 000"');
    expect(html).toContain('Line one\n&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(html).toMatch(/id="f-updates" name="updates" value="yes" checked=""/);
    expect(html).toMatch(/id="f-authorised" name="authorised" value="yes" checked=""/);
  });

  it('shows every problem at once, in the order of the form', async () => {
    const res = await endorse(ctx, statement.slug, { locale: 'en' });
    const html = await res.text();
    const order = ['org_name', 'org_type', 'country', 'contact_name', 'email', 'authorised'].map((f) =>
      html.indexOf(`<a href="#f-${f}">`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await endorsementsOf(ctx, statement.id)).toHaveLength(0);
  });

  it('speaks the language of the form (its hidden locale field), in French too', async () => {
    // Posted where the French form posts (its action carries ?lang=fr, so the whole page is French)…
    const res = await postForm(
      ctx.app,
      `/s/${statement.slug}/endorse?lang=fr`,
      validForm({ locale: 'fr', org_name: '', email: 'nope', members: 'beaucoup' }),
      {
        'accept-language': 'en',
      },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Il y a un problème');
    expect(html).toContain('<a href="#f-org_name">Indiquez le nom de l’organisation</a>');
    expect(html).toContain('Indiquez une adresse e-mail valide, par exemple nom@exemple.org');
    expect(html).toContain('Indiquez le nombre de membres en nombre entier, par exemple 12000');
    expect(html).toContain('<input type="hidden" name="locale" value="fr"/>');
    expect(html).toContain('name="members" value="beaucoup"');
    // …and the messages follow the hidden field even when the URL says nothing.
    const bare = await endorse(ctx, statement.slug, validForm({ locale: 'fr', org_name: '' }), {
      'accept-language': 'en',
    });
    expect(await bare.text()).toContain('Indiquez le nom de l’organisation');
  });

  it('an unknown locale falls back to the negotiated language', async () => {
    const res = await endorse(ctx, statement.slug, validForm({ locale: 'xx', org_name: '' }), {
      'accept-language': 'fr',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Indiquez le nom de l’organisation');
  });
});

describe('POST /s/:slug/endorse — refused or silently dropped', () => {
  it('a closed statement answers 409 and stores nothing', async () => {
    const closed = await ctx.statement({ closesAt: new Date('2026-01-10T00:00:00Z') });
    const res = await endorse(ctx, closed.slug, validForm());
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This statement is not accepting endorsements');
    expect(await endorsementsOf(ctx, closed.id)).toHaveLength(0);
  });

  it('the page with errors keeps the language the form was filled in, whatever the browser says', async () => {
    const s = await ctx.statement();
    const res = await endorse(ctx, s.slug, validForm({ email: 'not-an-address', locale: 'fr' }), {
      'accept-language': 'en',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<input type="hidden" name="locale" value="fr"/>');
  });

  it('a draft statement answers 404 like an unknown one (its existence is not revealed)', async () => {
    const draft = await ctx.statement({ open: false });
    const res = await endorse(ctx, draft.slug, validForm());
    const unknown = await endorse(ctx, 'no-such-statement', validForm());
    expect(res.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await res.text()).toContain('<h1>Page not found</h1>');
    expect(await endorsementsOf(ctx, draft.id)).toHaveLength(0);
  });

  it('a filled honeypot gets the same 303, but nothing is stored and no mail queued', async () => {
    const s = await ctx.statement();
    const before = (await outbox(ctx)).length;
    const res = await endorse(ctx, s.slug, validForm({ homepage: 'http://spam.example' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${s.slug}/check-email`);
    expect(await endorsementsOf(ctx, s.id)).toHaveLength(0);
    expect((await outbox(ctx)).length).toBe(before);
  });
});
