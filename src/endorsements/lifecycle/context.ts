import type { LocalCaches } from '../../changes/transact.js';
import type { Deps } from '../../deps.js';

/**
 * What every transition needs: the database, the signing secret and public URL for links in its
 * mail, the mail worker's wake-up, and this process's caches (told of the change after commit).
 * The CLI passes no caches: it has no live hub, and the NOTIFY reaches the servers.
 */
export type LifecycleDeps = Pick<Deps, 'db' | 'config' | 'secret' | 'mailSignal'> & {
  live?: LocalCaches | undefined;
};
