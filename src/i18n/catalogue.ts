import type en from './locales/en.js';

/** English is the reference catalogue: every other locale must define exactly its keys. */
export type MessageKey = keyof typeof en.messages;

export interface Catalogue {
  code: string;
  /** The language's name in itself, for the switcher. */
  name: string;
  dir: 'ltr' | 'rtl';
  messages: Record<MessageKey, string>;
}
