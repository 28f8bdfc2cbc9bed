import type { StaffApp, StaffHandler } from './env.js';

/** public: anyone (sign-in, first-run setup); verifier: any signed-in staff; admin: admins only. */
export type Access = 'public' | 'verifier' | 'admin';

/**
 * THE table of /admin routes and who may use them. Routes are registered only through `route()`,
 * which takes a key of this table, and the guard looks the request up here — so a route cannot
 * exist without a rule, and a request matching no rule needs an admin (deny by default).
 * Paths are relative to /admin.
 */
export const ROUTES = {
  'GET /login': 'public',
  'POST /login': 'public',
  'GET /setup': 'public',
  'POST /setup': 'public',
  // Onboarding (README.md "Staff onboarding"): "forgot your password?" and the emailed single-use link.
  'GET /forgot': 'public',
  'POST /forgot': 'public',
  'GET /password-link': 'public',
  'POST /password-link': 'public',
  // One's own account: any signed-in staff member.
  'GET /account': 'verifier',
  'POST /account': 'verifier',
  'POST /account/digest': 'verifier',
  'POST /logout': 'verifier',
  'GET /': 'verifier',
  // Verification: verifiers and admins.
  'GET /statements/:id{[0-9]+}/queue': 'verifier',
  'POST /statements/:id{[0-9]+}/queue/verify': 'verifier',
  'GET /statements/:id{[0-9]+}/endorsements': 'verifier',
  'POST /endorsements/:id{[0-9]+}/verify': 'verifier',
  'POST /endorsements/:id{[0-9]+}/reject': 'verifier',
  'POST /endorsements/:id{[0-9]+}/correct': 'verifier',
  'POST /endorsements/:id{[0-9]+}/note': 'verifier',
  // The combined queue, undo, later reversal and "resend the link" (README "The queue").
  'GET /queue': 'verifier',
  'POST /queue/verify': 'verifier',
  'POST /queue/undo': 'verifier',
  'POST /endorsements/:id{[0-9]+}/reopen': 'verifier',
  'POST /endorsements/:id{[0-9]+}/unlist': 'verifier',
  'POST /endorsements/:id{[0-9]+}/resend': 'verifier',
  // Launch: embargo date and "Launch now" (admins); initiators, endorsements entered by hand or imported (verifiers).
  'POST /statements/:id{[0-9]+}/launch-at': 'admin',
  'POST /statements/:id{[0-9]+}/launch': 'admin',
  'POST /endorsements/:id{[0-9]+}/initiator': 'verifier',
  'GET /statements/:id{[0-9]+}/add': 'verifier',
  'POST /statements/:id{[0-9]+}/add': 'verifier',
  'GET /statements/:id{[0-9]+}/import': 'verifier',
  'POST /statements/:id{[0-9]+}/import': 'verifier',
  // Amendments (README "Amending a statement"): who has not endorsed the new version (verifiers); deadline and removal (admins).
  'GET /statements/:id{[0-9]+}/amendment': 'verifier',
  'POST /statements/:id{[0-9]+}/amendment/deadline': 'admin',
  'POST /statements/:id{[0-9]+}/amendment/remove': 'admin',
  // Statements, exports, audit, accounts: admins.
  'GET /statements/new': 'admin',
  'POST /statements/new': 'admin',
  'GET /statements/:id{[0-9]+}': 'admin',
  'POST /statements/:id{[0-9]+}': 'admin',
  'GET /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}': 'admin',
  'POST /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}': 'admin',
  'GET /statements/:id{[0-9]+}/preview': 'admin',
  // Opening (admins) and sharing (any staff member): README.md "Opening a statement".
  'GET /statements/:id{[0-9]+}/open': 'admin',
  'POST /statements/:id{[0-9]+}/open': 'admin',
  'GET /statements/:id{[0-9]+}/live': 'verifier',
  'GET /statements/:id{[0-9]+}/qr.svg': 'verifier',
  'GET /statements/:id{[0-9]+}/endorsements.csv': 'admin',
  'GET /audit': 'admin',
  'GET /audit.csv': 'admin',
  'GET /privacy': 'admin',
  'POST /privacy/export': 'admin',
  'POST /privacy/erase': 'admin',
  'GET /staff': 'admin',
  'POST /staff': 'admin',
  'POST /staff/:id{[0-9]+}/disable': 'admin',
  'POST /staff/:id{[0-9]+}/enable': 'admin',
  'POST /staff/:id{[0-9]+}/password': 'admin',
  'POST /staff/:id{[0-9]+}/role': 'admin',
  'GET /backup': 'admin',
  'POST /backup': 'admin',
  // Updates to endorsers and milestones (README "Updates to endorsers", "Milestones"): admins.
  'GET /statements/:id{[0-9]+}/updates': 'admin',
  'POST /statements/:id{[0-9]+}/updates': 'admin',
  'GET /updates/:id{[0-9]+}': 'admin',
  'POST /updates/:id{[0-9]+}': 'admin',
  'GET /updates/:id{[0-9]+}/progress': 'admin',
  'POST /updates/:id{[0-9]+}/test': 'admin',
  'POST /updates/:id{[0-9]+}/send': 'admin',
  'POST /statements/:id{[0-9]+}/milestones': 'admin',
  'POST /milestones/:id{[0-9]+}': 'admin',
  'POST /milestones/:id{[0-9]+}/delete': 'admin',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTES;

/** Register a handler for a row of ROUTES (the only way staff routes are added). */
export function route(app: StaffApp, key: RouteKey, handler: StaffHandler): void {
  const [method, path] = key.split(' ') as [string, string];
  app.on(method, path, handler);
}

/** Hono path pattern → anchored RegExp (`:name{re}` keeps its pattern, `:name` is one segment). */
function compile(path: string): RegExp {
  let out = '';
  for (const part of path.split(/(:\w+(?:\{(?:[^{}]|\{[^{}]*\})+\})?)/)) {
    if (!part) {
      continue;
    }
    const m = /^:\w+(?:\{(.+)\})?$/.exec(part);
    out += m ? `(${m[1] ?? '[^/]+'})` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}/?$`);
}

const compiled = Object.entries(ROUTES).map(([key, access]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { method, re: compile(path), access: access as Access };
});

/** Who may make this request (path relative to /admin). Unknown routes need an admin. */
export function requiredAccess(method: string, path: string): Access {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const r of compiled) {
    if (r.method === m && r.re.test(path)) {
      return r.access;
    }
  }
  return 'admin';
}
