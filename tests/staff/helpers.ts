import type { StaffRole } from '../../src/db/database.js';
import { hashPassword } from '../../src/staff/passwords.js';
import { formBody, ORIGIN } from '../support/http.js';
import type { TestContext } from '../support/test-app.js';

/** Cheap scrypt for test accounts (the cost travels with each hash; production hashes use OWASP's). */
export const FAST = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

let n = 0;

/** A staff account straight into the database. */
export async function addStaff(
  ctx: TestContext,
  role: StaffRole,
  opts: { email?: string; name?: string; password?: string } = {},
) {
  const k = ++n;
  const email = opts.email ?? `${role}${k}@network.example.org`;
  return ctx.deps.db
    .insertInto('staff_users')
    .values({
      email,
      name: opts.name ?? `${role === 'admin' ? 'Ada' : 'Vic'} ${k}`,
      role,
      password_hash: await hashPassword(opts.password ?? PASSWORD, FAST),
      created_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The value of the first hidden _csrf field in a page. */
export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** A browser for /admin: keeps cookies, sends our Origin, adds the page's _csrf to every form. */
export class Agent {
  cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(
    private ctx: TestContext,
    private headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some(
        (a) =>
          /max-age=0\b/i.test(a.trim()) ||
          (/^expires=/i.test(a.trim()) && new Date(a.split('=')[1]!) < new Date()),
      );
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return res;
  }

  async get(path: string) {
    const res = this.keep(
      await this.ctx.app.request(path, { headers: { cookie: this.cookieHeader(), ...this.headers } }),
    );
    return res;
  }

  /** GET a page and remember its CSRF token. */
  async page(path: string) {
    const res = await this.get(path);
    const html = await res.text();
    this.csrf = csrfIn(html) ?? this.csrf;
    return { res, html };
  }

  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    opts: { csrf?: string | null } = {},
  ) {
    const body = { ...fields } as Record<string, string | string[]>;
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null && token !== undefined) {
      body._csrf = token;
    }
    return this.keep(
      await this.ctx.app.request(path, {
        method: 'POST',
        body: formBody(body),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          cookie: this.cookieHeader(),
          ...this.headers,
        },
      }),
    );
  }

  /** Sign in through the form; returns the POST's response. */
  async signIn(email: string, password = PASSWORD) {
    await this.page('/admin/login');
    const res = await this.post('/admin/login', { email, password });
    if (res.status === 303) {
      await this.page('/admin');
    }
    return res;
  }
}

/** A signed-in agent for a new account of this role. */
export async function signedIn(ctx: TestContext, role: StaffRole) {
  const user = await addStaff(ctx, role);
  const agent = new Agent(ctx);
  const res = await agent.signIn(user.email);
  if (res.status !== 303) {
    throw new Error(`sign-in failed: ${res.status}`);
  }
  return { agent, user };
}
