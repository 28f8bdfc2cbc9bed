import * as v from 'valibot';
import { STAFF_ROLES } from '../db/database.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

/** Messages are keys so the web form can translate them; the CLI prints the English text. */
export const StaffEmail = v.pipe(
  v.string('staff.error.email'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'staff.error.email'),
  v.email('staff.error.email'),
);
export const StaffName = v.pipe(
  v.string('staff.error.name'),
  v.trim(),
  v.minLength(1, 'staff.error.name'),
  v.maxLength(100, 'staff.error.name'),
);
export const StaffRoleSchema = v.picklist(STAFF_ROLES, 'staff.error.role');
export const StaffPassword = v.pipe(
  v.string('staff.error.passwordLength'),
  v.minLength(MIN_PASSWORD_LENGTH, 'staff.error.passwordLength'),
  v.maxLength(MAX_PASSWORD_LENGTH, 'staff.error.passwordLength'),
);

/** A new staff account, from the CLI, the setup page or the accounts page. Empty password = generate one. */
export const NewStaffSchema = v.object({
  email: StaffEmail,
  name: StaffName,
  role: StaffRoleSchema,
  password: v.optional(v.union([v.literal(''), StaffPassword], 'staff.error.passwordLength')),
});
export type NewStaffInput = v.InferOutput<typeof NewStaffSchema>;

/** Field → message key of the first problem with each field. */
export function fieldErrors(issues: v.BaseIssue<unknown>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path?.map((p) => String(p.key)).join('.') ?? '_';
    out[key] ??= issue.message;
  }
  return out;
}
