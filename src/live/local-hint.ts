/**
 * Same-process shortcut for cache invalidation. NOTIFY reaches every process after commit, a few
 * milliseconds later on PostgreSQL; a reader who follows their own write within this process (the
 * staff member verifying, then opening the public page) must not see the list from before it. So
 * `notifyLiveChange` also marks the statement stale in the hubs of this process at once. The NOTIFY
 * that follows marks it again after commit, so a rebuild that raced the commit is thrown away too.
 */
type Invalidate = (statementId: number, statementChanged: boolean) => void;

const hubs = new Set<Invalidate>();

/** A hub joins on start and leaves on stop. */
export function onLocalChange(fn: Invalidate): () => void {
  hubs.add(fn);
  return () => void hubs.delete(fn);
}

/** Called by notifyLiveChange inside the writing transaction. */
export function hintLocalChange(statementId: number, statementChanged: boolean): void {
  for (const fn of hubs) fn(statementId, statementChanged);
}
