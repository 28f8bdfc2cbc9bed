import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connect.js';

/** A CLI failure the user can fix: printed as its message alone, exit code 1. */
export class CliError extends Error {}

export interface CliContext {
  handle: DatabaseHandle;
  out: (line: string) => void;
  /** The parsed configuration (links in emails need PUBLIC_URL and the secret). */
  config?: Config | undefined;
}

export type CliCommand = (args: string[], ctx: CliContext) => Promise<void>;
