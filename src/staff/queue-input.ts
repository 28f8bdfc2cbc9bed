import * as v from 'valibot';
import type { Form } from './queue-back.js';
import { field, fields } from './env.js';

/** An endorsement id in a form or query (digits; past a bigint it matches nothing). */
export const Id = v.pipe(
  v.string(),
  v.regex(/^[1-9][0-9]{0,15}$/),
  v.transform(Number),
  v.number(),
  v.safeInteger(),
);

/** Ids ticked for a bulk action, or carried by an Undo button: at most a page's worth and then some. */
export const BulkIds = v.pipe(v.array(Id), v.minLength(1), v.maxLength(200));

/** A rejection (or unlisting): the reason kept in the record, and whether to tell the signer. */
export const Reason = v.object({
  reason: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'staff.error.reason'),
    v.maxLength(1000, 'staff.error.reason'),
  ),
  tell: v.optional(v.string()),
});

/** The ids of a form (repeated `ids` fields), parsed. */
export const idsOf = (form: Form) => v.safeParse(BulkIds, fields(form, 'ids'));

/** The row to bring into view after a decision (the form's `next`), if any. */
export const nextOf = (form: Form) => {
  const r = v.safeParse(Id, field(form, 'next'));
  return r.success ? r.output : undefined;
};
