// The interface languages. Adding one: copy fr.ts to xx.ts, translate it, add emails/*.xx.*, and list it here.
import en from './en.js';
import fr from './fr.js';
import es from './es.js';
import de from './de.js';
import pt from './pt.js';
import it from './it.js';
import ar from './ar.js';

export const catalogues = { en, fr, es, de, pt, it, ar } as const;
export type LocaleCode = keyof typeof catalogues;
export type { MessageKey } from '../catalogue.js';
