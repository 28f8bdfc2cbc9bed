import type { MiddlewareHandler } from 'hono';

export interface HostRules {
  publicUrl: string;
  production: boolean;
  allowedHosts: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Host name and port of a Host header ("Example.org:8080" → example.org, 8080; "[::1]:3000" → [::1], 3000). */
function splitHost(host: string): { name: string; port: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host.trim().toLowerCase());
  return { name: m?.[1] ?? '', port: m?.[2] ?? '' };
}

/** Whether this server answers for a Host header: PUBLIC_URL's, ALLOWED_HOSTS, and loopback outside production. */
export function hostAllowed(rules: HostRules, host: string): boolean {
  const publicUrl = new URL(rules.publicUrl);
  const wanted = splitHost(host);
  const defaultPort = publicUrl.protocol === 'https:' ? '443' : '80';
  const samePort = (port: string, expected: string) => (port || defaultPort) === (expected || defaultPort);
  if (wanted.name === publicUrl.hostname.toLowerCase() && samePort(wanted.port, publicUrl.port)) {
    return true;
  }
  if (!rules.production && LOOPBACK_NAMES.has(wanted.name)) {
    return true;
  }
  return rules.allowedHosts.some((entry) => {
    const allowed = splitHost(entry);
    return allowed.name === wanted.name && (!allowed.port || allowed.port === (wanted.port || defaultPort));
  });
}

/**
 * Answer 421 for a Host this server is not published under (README "Security"): a page of another
 * name that points its DNS here (DNS rebinding) cannot read our pages or the development mailbox
 * with a visitor's browser, and nothing can make us build links to a host of its choosing.
 * `/healthz` and `/metrics` (behind its token) answer any Host: load balancers and scrapers reach
 * them by internal address.
 * Requests with no Host at all (app.request in tests, HTTP/1.0) are judged by their URL.
 */
export function hostCheck(rules: HostRules): MiddlewareHandler {
  const verdicts = new Map<string, boolean>();
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    let ok = verdicts.get(host);
    if (ok === undefined) {
      ok = hostAllowed(rules, host);
      // Bounded: an attacker sending random Host headers must not grow this map.
      if (verdicts.size < 64) {
        verdicts.set(host, ok);
      }
    }
    if (!ok && c.req.path !== '/healthz' && c.req.path !== '/metrics') {
      return c.text('Misdirected request: this server does not answer for that host name.', 421, {
        'Cache-Control': 'no-store',
      });
    }
    await next();
  };
}
