import type { I18n } from '../i18n/i18n.js';

/** Per-request values set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    i18n: I18n;
    requestId: string;
    /** Set by a route whose answer is the same for every reader of the URL (src/http/fast-path.ts). */
    sharedBody: Uint8Array | string | null;
  };
}
