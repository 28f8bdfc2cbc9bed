import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { MailTransport } from './transport.js';

/** Connections the pool keeps open to the SMTP server; the worker sends about twice as many mails at once. */
export const SMTP_POOL_CONNECTIONS = 5;

export class MailConfigError extends Error {}

/** Read and check the DKIM key once, at start, so a bad path stops the process with a clear line. */
export function readDkimKey(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new MailConfigError(
      `DKIM_PRIVATE_KEY_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new MailConfigError(`DKIM_PRIVATE_KEY_FILE: ${file} is not a PEM private key`);
  }
  return pem;
}

/**
 * A pooled nodemailer SMTP transport: a few long-lived connections shared by every send, which is
 * what lets one process deliver a burst of confirmations quickly. Timeouts stay well under the
 * worker's claim lease, so a hung server cannot make another worker send the same mail.
 */
export function createSmtpTransport(config: Config, log: Log): MailTransport {
  const dkim = config.dkim
    ? {
        domainName: config.dkim.domain,
        keySelector: config.dkim.selector,
        privateKey: readDkimKey(config.dkim.privateKeyFile),
      }
    : undefined;
  const transporter = nodemailer.createTransport(
    {
      pool: true,
      url: config.smtpUrl,
      maxConnections: SMTP_POOL_CONNECTIONS,
      maxMessages: 1000,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      ...(dkim ? { dkim } : {}),
    },
    { from: config.mailFrom },
  );
  const target = new URL(config.smtpUrl!);
  log.info('mail: sending through SMTP', {
    host: target.host,
    dkim: dkim ? `${dkim.keySelector}._domainkey.${dkim.domainName}` : 'off',
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.messageId ? { messageId: `<${mail.messageId}>` } : {}),
      });
      return { messageId: String(info.messageId ?? '').replace(/^<|>$/g, '') };
    },
    async close() {
      transporter.close();
    },
  };
}
