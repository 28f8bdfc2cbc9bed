import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { notFoundPage } from '../views/error-page.js';
import { MailboxList } from './views/mailbox-list.js';
import { MailMessage } from './views/mail-message.js';

/**
 * The email's own HTML, shown as a separate document: no script, no form, no plugin may run;
 * inline styles and images are allowed because emails are written that way. `sandbox` makes it an
 * opaque origin even when opened directly; `<base target="_top">` makes its links open in the window
 * rather than inside the frame (the app's pages refuse to be framed).
 */
const MAIL_HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data: https: http:',
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation',
].join('; ');

/** The few rules the mailbox pages need beyond the site stylesheet (kept here: these pages exist only in development). */
export const MAILBOX_CSS = `.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; }
.mail-headers { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.mail-headers dd { margin: 0; overflow-wrap: anywhere; }
.mailbox { border-collapse: collapse; width: 100%; }
.mailbox th, .mailbox td { text-align: start; padding: .4rem .6rem; border-block-end: 1px solid var(--line, #ddd); vertical-align: top; }
.mail-frame { width: 100%; min-height: 32rem; border: 1px solid var(--line, #ddd); }
`;

function withTopTarget(html: string): string {
  const base = '<base target="_top">';
  if (/<head[^>]*>/i.test(html)) {
    return html.replace(/<head[^>]*>/i, (m) => m + base);
  }
  return base + html;
}

/** GET /dev/mail: the development mailbox, mounted only when no SMTP is configured. */
export function devMailRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const mailbox = deps.mailer.devMailbox;
  if (!mailbox) {
    return app;
  }

  const find = (param: string) => (/^\d{1,9}$/.test(param) ? mailbox.get(Number(param)) : undefined);

  app.get('/dev/mail/mailbox.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(MAILBOX_CSS);
  });

  app.get('/dev/mail', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(<MailboxList i18n={c.get('i18n')} messages={mailbox.list()} />);
  });

  app.get('/dev/mail/:id', (c) => {
    const message = find(c.req.param('id'));
    if (!message) {
      return notFoundPage(c);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(<MailMessage i18n={c.get('i18n')} message={message} />);
  });

  app.get('/dev/mail/:id/html', (c) => {
    const message = find(c.req.param('id'));
    if (!message) {
      return notFoundPage(c);
    }
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', MAIL_HTML_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(withTopTarget(message.html));
  });

  return app;
}
