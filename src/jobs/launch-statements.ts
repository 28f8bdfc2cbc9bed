import type { Deps } from '../deps.js';
import { dueLaunches, launchInTransaction } from '../launch/launch.js';
import type { TimedTask } from './scheduler.js';

/**
 * Statements whose `launch_at` has come are launched (README "Launching a statement"): under the
 * task's advisory lock, so of several processes exactly one launches; a process started after
 * `launch_at` launches at its first round. The launch's own guarded UPDATE makes a late second
 * attempt (the CLI, "Launch now") a no-op.
 */
export function launchDueStatements(deps: Pick<Deps, 'config' | 'secret'>): TimedTask {
  return {
    name: 'launch-due-statements',
    async run(trx, announce, now, log) {
      for (const id of await dueLaunches(trx, now)) {
        const r = await launchInTransaction(trx, announce, deps, now, { id: null, name: 'system' }, id);
        if (r.kind === 'launched') {
          log.info('statements: launched at their launch date', { slug: r.slug, mails: r.mails });
        }
      }
    },
  };
}
