import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { createDevMailbox } from './dev-mailbox.js';
import { createSmtpTransport } from './smtp-transport.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Message-ID to use (without angle brackets); the same on every attempt, so receivers can spot a repeat. */
  messageId?: string;
}

export interface DevMailboxMessage extends OutgoingMail {
  id: number;
  from: string;
  sentAt: Date;
}

export interface DevMailbox {
  /** Newest first. */
  list(): DevMailboxMessage[];
  get(id: number): DevMailboxMessage | undefined;
}

/** Only mail/ talks SMTP. With no SMTP_URL, messages go to an in-process development mailbox. */
export interface MailTransport {
  kind: 'smtp' | 'dev';
  /** Resolves once the server accepted the message; rejects with the SMTP error otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
  /** Present only for the development mailbox (GET /dev/mail). */
  devMailbox?: DevMailbox;
}

export interface TransportOptions {
  /** Timestamps of development-mailbox messages (defaults to the system clock). */
  clock?: Clock;
}

/**
 * SMTP when SMTP_URL is set (pooled, DKIM-signed when configured), otherwise the development
 * mailbox, so `npm start` alone can show every email. Throws at start on an unreadable DKIM key:
 * better no server than unsigned mail the operator believes is signed.
 */
export function createTransport(config: Config, log: Log, opts: TransportOptions = {}): MailTransport {
  if (config.smtpUrl) {
    return createSmtpTransport(config, log);
  }
  if (config.dkim) {
    log.warn('DKIM_* is set but SMTP_URL is not: mail goes to the development mailbox, unsigned');
  }
  log.info(
    `mail: SMTP_URL is not set; emails are kept in the development mailbox at ${config.publicUrl}/dev/mail`,
  );
  return createDevMailbox(config, log, opts.clock);
}
