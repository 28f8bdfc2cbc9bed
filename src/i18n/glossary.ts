import type { LocaleCode } from './locales/index.js';

/**
 * The key terms, defined once, with each language's one rendering. Translators: read the note
 * before translating a string that uses the term, and use the rendering given here — the same
 * concept must not be translated two ways inside one language. tests/i18n/glossary.test.ts checks
 * that every string whose English uses a term uses the language's rendering (by `pattern`) and
 * never a `forbidden` one. README.md "Languages".
 */
export interface GlossaryTerm {
  term: string;
  /** Where English uses the term. */
  english: RegExp;
  note: string;
  renderings: Record<LocaleCode, { text: string; pattern: RegExp; forbidden?: RegExp }>;
}

export const GLOSSARY: GlossaryTerm[] = [
  {
    term: 'endorse / endorsement',
    english: /\bendors/i,
    note: 'An organisation (not a person) publicly puts its name under a statement. Use the word your labour movement uses for an organisation adding its name to an appeal; in French, not "soutien" (which reads as money or sympathy).',
    renderings: {
      en: { text: 'endorse / endorsement', pattern: /\bendors/i },
      fr: { text: 'signer / signature (signataire)', pattern: /sign/i, forbidden: /soutien|souten/i },
      es: { text: 'adherirse / adhesión (adherida)', pattern: /adh[eiíé]/i },
      de: { text: 'unterzeichnen / Unterzeichnung', pattern: /unterzeichn/i },
      pt: { text: 'assinar / assinatura (signatária)', pattern: /assin|signat/i, forbidden: /subscrev/i },
      it: { text: 'aderire / adesione (aderente)', pattern: /ader|adesion/i },
      ar: { text: 'وقّع / توقيع (موقِّعة)', pattern: /وق[ّ]?[ِ]?ع|توقيع/ },
    },
  },
  {
    term: 'organisers',
    english: /\borganisers\b/i,
    note: 'The people who run the campaign and decide which endorsements are listed: volunteers from the network, not employees. Not "staff" (Italian "lo staff" makes them employees), not "organisateurs" beside "équipe".',
    renderings: {
      en: { text: 'the organisers', pattern: /\borganisers\b/i },
      fr: { text: 'l’équipe qui porte la déclaration (l’équipe)', pattern: /l’équipe/i },
      es: { text: 'el equipo organizador', pattern: /equipo organizador/ },
      de: { text: 'das Organisationsteam', pattern: /Organisationsteam/ },
      pt: { text: 'a coordenação', pattern: /coordenação/ },
      it: { text: 'i promotori (della dichiarazione)', pattern: /promotori/, forbidden: /\bstaff\b/ },
      ar: { text: 'الجهة المنظِّمة', pattern: /الجهة المنظ[ِّ]*مة/ },
    },
  },
  {
    term: 'union branch',
    english: /\bunion branch\b/i,
    note: 'The workplace or local unit of a union (branch, section; "local" in North America). Not a territorial body across trades: French "union locale" is one, so it is wrong here.',
    renderings: {
      en: { text: 'union branch', pattern: /union branch/i },
      fr: { text: 'section syndicale', pattern: /section/i, forbidden: /union locale/i },
      es: { text: 'sección sindical', pattern: /sección sindical/i },
      de: { text: 'Gewerkschaftsgliederung (Ortsverband, Betriebsgruppe)', pattern: /gliederung/i },
      pt: { text: 'delegação sindical', pattern: /delegação/i },
      it: { text: 'sezione sindacale', pattern: /sezione sindacale/i },
      ar: { text: 'فرع نقابي', pattern: /فرع نقابي/ },
    },
  },
  {
    term: 'members represented',
    english: /\bmembers? represented\b/i,
    note: 'The sum of the members the signatory organisations declare: people, not organisations. Use the same word as the form field "Number of members".',
    renderings: {
      en: { text: 'members represented', pattern: /represented/i },
      fr: { text: 'membres représentés', pattern: /membres? représentés?/ },
      es: { text: 'personas afiliadas representadas', pattern: /afiliadas? representadas?/ },
      de: { text: 'vertretene Mitglieder', pattern: /vertretene/ },
      pt: { text: 'membros representados', pattern: /membros? representados?/ },
      it: { text: 'iscritte e iscritti rappresentati', pattern: /iscritt[aei].*rappresentat/ },
      ar: { text: 'الأعضاء الممثَّلون', pattern: /ممثَّل/ },
    },
  },
  {
    term: 'keyed fingerprint',
    english: /\bfingerprint\b/i,
    note: 'A one-way code computed from the IP address with a secret key (HMAC). It is NOT encryption: nothing can be decrypted. Never translate it as "encrypted" — that is legally inaccurate in a privacy notice.',
    renderings: {
      en: { text: 'keyed fingerprint', pattern: /fingerprint/i, forbidden: /encrypt/i },
      fr: { text: 'empreinte calculée avec une clé secrète', pattern: /empreinte/, forbidden: /chiffrée?/i },
      es: { text: 'huella calculada con una clave secreta', pattern: /huella/, forbidden: /cifrad/i },
      de: {
        text: 'mit einem geheimen Schlüssel berechneter Fingerabdruck',
        pattern: /Fingerabdruck/,
        forbidden: /verschlüssel/i,
      },
      pt: {
        text: 'impressão digital calculada com uma chave secreta',
        pattern: /impressão digital/,
        forbidden: /cifrad/i,
      },
      it: { text: 'impronta calcolata con una chiave segreta', pattern: /impronta/, forbidden: /cifrat/i },
      ar: { text: 'بصمة محسوبة بمفتاح سري', pattern: /بصمة/, forbidden: /مشفّ?رة/ },
    },
  },
  {
    term: 'withdraw',
    english: /\bwithdr[ae]w/i,
    note: 'The signer takes the organisation’s endorsement back; it leaves the public list at once.',
    renderings: {
      en: { text: 'withdraw', pattern: /withdr/i },
      fr: { text: 'retirer (retrait)', pattern: /retir|retrait/i },
      es: { text: 'retirar', pattern: /retir/i },
      de: { text: 'zurückziehen', pattern: /zurück(ge)?z/i },
      pt: { text: 'retirar', pattern: /retir/i },
      it: { text: 'ritirare (ritiro)', pattern: /ritir/i },
      ar: { text: 'سحب (مسحوب)', pattern: /س[ُ]?ح[ْو]?ب/ },
    },
  },
  {
    term: 'verify',
    english: /\bverif|organisers (will )?check/i,
    note: 'The organisers check that an endorsement is genuine before it is listed (on statements that ask for it). One verb for the public pages and the staff pages.',
    renderings: {
      en: { text: 'verify / verification (check, in public sentences)', pattern: /verif|check/i },
      fr: { text: 'vérifier / vérification', pattern: /vérifi/i },
      es: { text: 'verificar / verificación', pattern: /verific/i },
      de: { text: 'prüfen / Prüfung', pattern: /prüf/i },
      pt: { text: 'verificar / verificação', pattern: /verific/i },
      it: { text: 'verificare / verifica', pattern: /verific/i },
      ar: { text: 'التحقق', pattern: /تحق|التحق/ },
    },
  },
];
