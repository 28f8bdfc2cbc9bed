import type { I18n } from '../i18n/i18n.js';

/** Per-request values set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    i18n: I18n;
    /** CSP nonce for the rare inline script. */
    nonce: string;
    requestId: string;
  };
}
