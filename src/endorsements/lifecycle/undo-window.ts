/**
 * How long a staff decision (verify, reject, bulk verify) can be undone from the notice shown after
 * it. The signer's mail about the decision is held a little longer than that, so an undo always
 * finds it unsent and cancels it: a signer never hears of a decision that was taken back
 * (README "The queue").
 */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** The decision mail waits this long: the undo window and a margin for a form posted at its last second. */
export const DECISION_MAIL_HOLD_MS = UNDO_WINDOW_MS + 60 * 1000;

/** When a decision taken at `now` may send its mail. */
export const decisionMailAfter = (now: Date) => new Date(now.getTime() + DECISION_MAIL_HOLD_MS);

/** THE rule "may this staff member still undo this decision": their own, taken within the window. */
export function canUndo(
  e: {
    status: string;
    decided_by: number | null;
    verified_at: Date | string | null;
    rejected_at: Date | string | null;
  },
  actorId: number | null,
  now: Date,
): boolean {
  const at = e.status === 'verified' ? e.verified_at : e.status === 'rejected' ? e.rejected_at : null;
  return (
    at !== null &&
    actorId !== null &&
    e.decided_by === actorId &&
    now.getTime() - new Date(at).getTime() <= UNDO_WINDOW_MS
  );
}
