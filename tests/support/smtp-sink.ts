import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  raw: string;
}

/** How the sink answers the next messages: accept, a temporary 4xx, or a permanent 5xx. */
export type SinkMode = 'accept' | 'tempfail' | 'permfail';

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) whose messages are parsed back with mailparser,
 * so tests see exactly what a mail client would.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  mode: SinkMode = 'accept';
  /** Answer each message this long after it arrived (a slow server: senders hold their mail meanwhile). */
  delayMs = 0;
  private server: SMTPServer;
  private waiters: Array<() => void> = [];
  /** While set (hold()), received messages wait here, unanswered, until release(). */
  private holding: Array<() => void> | undefined;
  private closedSessions = new Set<string>();
  port = 0;

  constructor(options: Partial<SMTPServerOptions> = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        const answer = () => {
          // A client that hung up while its message was held never heard "250": nothing was delivered.
          if (this.closedSessions.has(session.id)) {
            return;
          }
          if (this.mode === 'tempfail') {
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          if (this.mode === 'permfail') {
            return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.mails.push({
                to: session.envelope.rcptTo.map((r) => r.address),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                headers: parsed.headers,
                raw,
              });
              callback();
              for (const w of this.waiters.splice(0)) {
                w();
              }
            },
            (err: Error) => callback(err),
          );
        };
        stream.on('end', () => {
          if (this.holding) {
            this.holding.push(answer);
          } else if (this.delayMs > 0) {
            setTimeout(answer, this.delayMs);
          } else {
            answer();
          }
        });
      },
      ...options,
    });
  }

  /** Keep every message that arrives from now on unanswered (the sender waits, as on a slow server). */
  hold() {
    this.holding ??= [];
  }

  /** Messages held now (received, not answered). */
  get heldCount() {
    return this.holding?.length ?? 0;
  }

  /** Answer the held messages (those whose sender is still connected are delivered) and stop holding. */
  release() {
    const held = this.holding ?? [];
    this.holding = undefined;
    for (const answer of held) {
      answer();
    }
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Wait until `count` mails matching `filter` have arrived (or fail after `timeoutMs`). */
  async waitFor(
    filter: (m: ReceivedMail) => boolean,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.filter(filter);
      if (found.length >= count) {
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `SmtpSink: expected ${count} matching mail(s), got ${found.length} of ${this.mails.length}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
