import type en from './locales/en.js';

/** English is the reference catalogue: every other locale defines its keys. */
export type MessageKey = keyof typeof en.messages;

/** Staff pages and the developers' mailbox: required only in the staff languages (STAFF_LOCALES). */
export type BackOfficeKey = Extract<MessageKey, `staff.${string}` | `mail.${string}`>;
export type PublicKey = Exclude<MessageKey, BackOfficeKey>;

export interface Catalogue {
  code: string;
  /** The language's name in itself, for the switcher. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Every public message; back-office messages too in a staff language, otherwise English is used. */
  messages: Record<PublicKey, string> & Partial<Record<BackOfficeKey, string>>;
}

/** Languages the staff pages are written in (issue: staff in at least English, French and Spanish). */
export const STAFF_LOCALES = ['en', 'fr', 'es'] as const;
export const isBackOfficeKey = (key: string) => key.startsWith('staff.') || key.startsWith('mail.');
