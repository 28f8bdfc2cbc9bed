import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { StaffSession } from './sessions.js';

/** Per-request values of the /admin sub-app, on top of the app's own. */
export interface StaffEnv {
  Variables: AppEnv['Variables'] & {
    /** Set by the guard: the session, when the request carries a live one. */
    session: StaffSession | undefined;
  };
}

export type StaffApp = Hono<StaffEnv>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StaffContext = Context<StaffEnv, any>;
export type StaffHandler = (c: StaffContext) => Response | Promise<Response>;

/** The session of a route the guard protects (never undefined there). */
export function sessionOf(c: StaffContext): StaffSession {
  const s = c.get('session');
  if (!s) {
    throw new Error('staff route reached without a session');
  }
  return s;
}

/** Everything a form posted, with repeated fields as arrays (the guard parsed it first, with the same options). */
export async function formOf(c: StaffContext): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) {
      out[k] = v.filter((x): x is string => typeof x === 'string');
    } else if (typeof v === 'string') {
      out[k] = v;
    }
  }
  return out;
}

/** One value of a form field (the first, if repeated). */
export const field = (form: Record<string, string | string[]>, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

/** Every value of a repeated form field. */
export const fields = (form: Record<string, string | string[]>, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
