// The interface languages. Adding one: README.md "Languages" (copy de.ts to xx.ts, translate it
// with the glossary in ../glossary.ts, give its plural forms, list it here and in the glossary).
import en from './en.js';
import fr from './fr.js';
import es from './es.js';
import de from './de.js';
import pt from './pt.js';
import it from './it.js';
import ar from './ar.js';
import { withFrenchSpacing } from '../typography.js';

// French spacing is applied here, once, so pages and emails get the same no-break spaces.
export const catalogues = { en, fr: withFrenchSpacing(fr), es, de, pt, it, ar } as const;
export type LocaleCode = keyof typeof catalogues;
export type { MessageKey } from '../catalogue.js';
