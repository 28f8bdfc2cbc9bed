import http from 'node:http';

/**
 * A request from a chosen loopback address (127.0.0.0/8 is all this machine's), so one test can be
 * an attacker at 127.0.0.2 and a legitimate user at 127.0.0.3, as the server sees them.
 */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

export function send(
  url: string,
  opts: {
    from: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  },
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        localAddress: opts.from,
        headers: {
          ...(opts.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...opts.headers,
        },
        agent: false,
        timeout: opts.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * A live stream opened from an address and held open: resolves with the status as soon as the
 * headers arrive; `close()` hangs up.
 */
export function holdStream(
  url: string,
  from: string,
): Promise<{ status: number; retryAfter: string | undefined; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { localAddress: from, agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
        }
        res.on('error', () => undefined);
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'],
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
