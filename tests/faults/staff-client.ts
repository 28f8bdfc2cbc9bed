import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { AppProcess } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A staff member using the admin over HTTP, as a browser would: cookies, CSRF field, Origin. */
export class StaffClient {
  private cookies = new Map<string, string>();
  constructor(private app: AppProcess) {}

  /** Create the account through the CLI (as the README says), then sign in through the form. */
  static async signIn(
    app: AppProcess,
    email: string,
    password = 'correct horse battery staple',
  ): Promise<StaffClient> {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'dist/cli.js'),
        'staff',
        'add',
        '--email',
        email,
        '--name',
        'Fault Tester',
        '--role',
        'admin',
        '--password',
        password,
      ],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...app.env },
        stdio: 'pipe',
      },
    );
    const client = new StaffClient(app);
    const form = await client.get('/admin/login');
    const res = await client.post('/admin/login', { email, password, _csrf: csrfOf(form) });
    if (res.status !== 303) {
      throw new Error(`sign-in failed: ${res.status}`);
    }
    return client;
  }

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!.trim(), value ?? '');
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(p: string): Promise<string> {
    const res = await fetch(this.app.url + p, {
      headers: { cookie: this.cookieHeader() },
      redirect: 'manual',
    });
    this.remember(res);
    return res.text();
  }

  async post(p: string, fields: Record<string, string>): Promise<Response> {
    const res = await fetch(this.app.url + p, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        origin: this.app.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    });
    this.remember(res);
    await res.arrayBuffer();
    return res;
  }

  /** Verify one endorsement from the queue page of its statement, with the page's own CSRF token. */
  async verify(statementId: number, endorsementId: number): Promise<number> {
    const queue = await this.get(`/admin/statements/${statementId}/queue`);
    const res = await this.post(`/admin/endorsements/${endorsementId}/verify`, { _csrf: csrfOf(queue) });
    return res.status;
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) {
    throw new Error('no CSRF field on the page');
  }
  return m[1]!;
}
