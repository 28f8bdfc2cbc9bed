// An SMTP sink in its own process (so it never steals the load generator's CPU). It reports each
// accepted message's recipients and arrival time to the parent over IPC, in small batches.
import { SMTPServer } from 'smtp-server';

const perf = () => performance.timeOrigin + performance.now();
let pending = [];
let timer;
const flush = () => {
  timer = undefined;
  if (pending.length) {
    process.send({ type: 'mails', mails: pending.splice(0) });
  }
};

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      pending.push({ to: session.envelope.rcptTo.map((r) => r.address), at: perf() });
      timer ??= setTimeout(flush, 5);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.server.address().port }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
