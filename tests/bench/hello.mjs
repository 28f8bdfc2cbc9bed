// The baseline of BENCHMARKS.md: a bare Hono "hello" route served by @hono/node-server, the same
// packages, Node and machine as the app, and no middleware at all. Prints its port over IPC.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('hello'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.send({ type: 'ready', port: info.port }),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
