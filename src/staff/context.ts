import type { Actor } from '../audit/audit.js';
import { sessionOf, type StaffContext } from './env.js';

/** Helpers every staff route uses: who is acting (for the audit log), and a numeric route id. */

/** The signed-in staff member, as the audit log names them. */
export const actorOf = (c: StaffContext): Actor => {
  const s = sessionOf(c).staff;
  return { id: s.id, name: s.name };
};

// An id past what a bigint column holds (the route only checks digits) matches nothing instead of failing the query.
export const idParam = (c: StaffContext, name = 'id'): number => {
  const n = Number(c.req.param(name));
  return Number.isSafeInteger(n) ? n : 0;
};
