import { sql, type Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { transact, type Announce, type LocalCaches } from '../changes/transact.js';
import type { Database, Db } from '../db/database.js';
import type { Log } from '../log.js';

/** Advisory lock class of timed tasks: (JOBS_LOCK, task key) is held by the process running that task. */
export const JOBS_LOCK = 727_401_196;

/** Something to do when its time has come: closing statements, launching them… */
export interface TimedTask {
  /** Names the task in logs, and its advisory lock (so two tasks never wait for each other). */
  name: string;
  /** Do what is due at `now`, in `trx`. Runs in one process at a time; must be safe to run again. */
  run(trx: Transaction<Database>, announce: Announce, now: Date, log: Log): Promise<void>;
}

export interface Scheduler {
  start(): void;
  /** Stop ticking and wait for a round in progress. */
  stop(): Promise<void>;
  /** One round of every task now (tests; start() does this on its own). */
  runOnce(): Promise<void>;
}

/** A stable lock key per task name (FNV-1a, 31 bits). */
export function taskKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

/**
 * Runs registered tasks every `intervalMs` (default 10 s), in every process, each task in its own
 * transaction under its own advisory lock: when several processes tick together one runs the task
 * and the others skip it. A task that fails is logged and tried again next round; it never stops the
 * others. New timed work joins by adding a task, not another timer.
 */
export function createScheduler(opts: {
  db: Db;
  /** This process's caches, told at once of what a task changed (others hear through NOTIFY). */
  live?: LocalCaches | undefined;
  clock: Clock;
  log: Log;
  tasks: TimedTask[];
  intervalMs?: number;
}): Scheduler {
  const { clock, log, tasks } = opts;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;

  async function runTask(task: TimedTask) {
    try {
      await transact(opts, async (trx, announce) => {
        const lock = await sql<{ ok: boolean }>`
          select pg_try_advisory_xact_lock(${JOBS_LOCK}::int, ${taskKey(task.name)}::int) as ok`.execute(trx);
        if (lock.rows[0]?.ok) {
          await task.run(trx, announce, clock.now(), log);
        }
      });
    } catch (err) {
      log.warn('jobs: a timed task failed; will try again', {
        task: task.name,
        error: (err as Error).message,
      });
    }
  }

  const runOnce = () =>
    (round ??= (async () => {
      for (const task of tasks) {
        await runTask(task);
      }
    })().finally(() => {
      round = undefined;
    }));

  return {
    start() {
      void runOnce();
      timer = setInterval(() => void runOnce(), opts.intervalMs ?? 10_000);
      timer.unref();
    },
    async stop() {
      if (timer) {
        clearInterval(timer);
      }
      await round;
    },
    runOnce,
  };
}
