// The interface languages. Adding one: copy en.ts to xx.ts, translate it, and list it here.
import en from './en.js';
import fr from './fr.js';

export const catalogues = { en, fr } as const;
export type LocaleCode = keyof typeof catalogues;
export type { MessageKey } from '../catalogue.js';
