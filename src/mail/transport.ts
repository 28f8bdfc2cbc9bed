import type { Config } from '../config.js';
import type { Log } from '../log.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface DevMailboxMessage extends OutgoingMail {
  id: number;
  from: string;
  sentAt: Date;
}

/** Only mail/ talks SMTP. With no SMTP_URL, messages go to an in-process development mailbox. */
export interface MailTransport {
  kind: 'smtp' | 'dev';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
  /** Present only for the development mailbox (GET /dev/mail). */
  devMailbox?: { list(): DevMailboxMessage[]; get(id: number): DevMailboxMessage | undefined };
}

// STUB — replaced by the endorsement/mail feature (nodemailer SMTP pool, DKIM, dev mailbox).
export function createTransport(config: Config, log: Log): MailTransport {
  const messages: DevMailboxMessage[] = [];
  return {
    kind: 'dev',
    async send(mail) {
      const msg = { ...mail, id: messages.length + 1, from: config.mailFrom, sentAt: new Date() };
      messages.push(msg);
      log.info('dev mailbox: message stored', { to: mail.to, subject: mail.subject });
      return { messageId: `dev-${msg.id}` };
    },
    async close() {},
    devMailbox: { list: () => [...messages].reverse(), get: (id) => messages.find((m) => m.id === id) },
  };
}
