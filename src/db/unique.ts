/**
 * PostgreSQL's unique_violation (23505), on pg and PGlite alike — optionally of one named
 * constraint or index, to tell a lost race on it from any other conflict.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') {
    return false;
  }
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/**
 * Run a transaction again when it lost a race on a unique index (two submissions with one email,
 * two confirmations of one organisation): the retry sees the winner's row and takes the other path.
 */
export async function retryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) {
        throw err;
      }
    }
  }
}
