import type en from './locales/en.js';

/** English is the reference catalogue: every other locale defines its keys. */
export type MessageKey = keyof typeof en.messages;

/**
 * Staff pages and the developers' mailbox: required only in the staff languages (STAFF_LOCALES).
 * The emails' words (`email.*`) are public keys: every language has them.
 */
export type BackOfficeKey = Extract<MessageKey, `staff.${string}` | `mail.${string}`>;
export type PublicKey = Exclude<MessageKey, BackOfficeKey>;

/**
 * Strings where a number stands before a noun ("3 countries"): one form per plural category of
 * the language (Intl.PluralRules: English one/other; Arabic zero/one/two/few/many/other). Every
 * form holds {count}. README.md "Languages".
 */
export type PluralKey = keyof typeof en.plurals;
export type PluralCategory = Intl.LDMLPluralRule;
export type PluralForms = { other: string } & Partial<Record<PluralCategory, string>>;

export interface Catalogue {
  code: string;
  /** The language's name in itself, for the switcher. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Every public message; back-office messages too in a staff language, otherwise English is used. */
  messages: Record<PublicKey, string> & Partial<Record<BackOfficeKey, string>>;
  /** The counted strings, one form per plural category this language has. */
  plurals: Record<PluralKey, PluralForms>;
}

/** Languages the staff pages are written in: all seven (the network's coordinators work in each). */
export const STAFF_LOCALES = ['en', 'fr', 'es', 'de', 'pt', 'it', 'ar'] as const;
export const isBackOfficeKey = (key: string) => key.startsWith('staff.') || key.startsWith('mail.');
