import type { DatabaseHandle } from './db/connect.js';

/** A CLI failure the user can fix: printed as its message alone, exit code 1. */
export class CliError extends Error {}

export interface CliContext {
  handle: DatabaseHandle;
  out: (line: string) => void;
}

export type CliCommand = (args: string[], ctx: CliContext) => Promise<void>;
