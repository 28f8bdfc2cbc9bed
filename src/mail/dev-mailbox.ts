import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { DevMailboxMessage, MailTransport } from './transport.js';

/** The mailbox keeps the newest messages only, so a long-running dev server does not grow without bound. */
export const DEV_MAILBOX_LIMIT = 500;

const LINK = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/** Every http(s) link in a text, in order, once each (trailing punctuation left out). */
export function findLinks(text: string): string[] {
  const links = (text.match(LINK) ?? []).map((l) => l.replace(/[.,;:!?]+$/, ''));
  return [...new Set(links)];
}

/**
 * The transport used when no SMTP_URL is set: messages are kept in memory for GET /dev/mail and
 * each one is logged with its links, so someone running `npm start` can click a confirmation link
 * straight from the terminal. The outbox rows themselves stay in the database as usual.
 */
export function createDevMailbox(config: Config, log: Log, clock: Clock = systemClock): MailTransport {
  const messages: DevMailboxMessage[] = [];
  let next = 1;
  return {
    kind: 'dev',
    async send(mail) {
      const id = next++;
      const messageId = mail.messageId ?? `dev-${id}@undersigned.invalid`;
      messages.push({ ...mail, messageId, id, from: config.mailFrom, sentAt: clock.now() });
      if (messages.length > DEV_MAILBOX_LIMIT) {
        messages.splice(0, messages.length - DEV_MAILBOX_LIMIT);
      }
      log.info(`dev mailbox: "${mail.subject}" to ${mail.to}`, {
        read: `${config.publicUrl}/dev/mail/${id}`,
        links: findLinks(mail.text),
      });
      return { messageId };
    },
    async close() {},
    devMailbox: {
      list: () => [...messages].reverse(),
      get: (id) => messages.find((m) => m.id === id),
    },
  };
}
