// N Server-Sent-Events clients on raw sockets (the lightest client possible, so the measurement is
// the server's): connect them all, report when each holds its first `count` event, then record when
// each receives `event: signatory`. Usage: node sse-clients.mjs PORT PATH N  (IPC with the parent).
import net from 'node:net';

const [port, path, nArg] = process.argv.slice(2);
const N = Number(nArg);
const perf = () => performance.timeOrigin + performance.now();
const MARK = 'event: signatory';
const clients = [];
let ready = 0;
let failed = 0;

function open(i) {
  return new Promise((resolve) => {
    const c = { ready: false, got: 0, tail: '' };
    clients[i] = c;
    const s = net.connect({ host: '127.0.0.1', port: Number(port) });
    s.setNoDelay(true);
    s.on('connect', () =>
      s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`),
    );
    s.on('data', (d) => {
      const text = c.tail + d.toString('latin1');
      if (!c.ready && text.includes('event: count')) {
        c.ready = true;
        ready++;
        resolve();
      }
      if (!c.got && text.includes(MARK)) {
        c.got = perf();
      }
      c.tail = text.slice(-MARK.length);
    });
    s.on('error', () => {
      if (!c.ready) {
        failed++;
        resolve();
      }
    });
    s.on('close', () => {
      if (!c.ready) {
        resolve();
      }
    });
  });
}

async function connectAll() {
  // A bounded number of handshakes in flight, as a crowd arriving over a few seconds would be.
  let next = 0;
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < N) {
        await open(next++);
      }
    }),
  );
}

process.on('message', async (m) => {
  if (m.type === 'connect') {
    const t0 = perf();
    await connectAll();
    process.send({ type: 'connected', ready, failed, ms: perf() - t0 });
  } else if (m.type === 'reset') {
    for (const c of clients) {
      c.got = 0;
    }
    process.send({ type: 'reset' });
  } else if (m.type === 'collect') {
    // Wait (bounded) until every ready client got the event, then report the arrival times.
    const deadline = perf() + (m.timeoutMs ?? 10_000);
    const done = () => clients.every((c) => !c.ready || c.got);
    while (!done() && perf() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    process.send({ type: 'times', times: clients.filter((c) => c.ready).map((c) => c.got || null) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
