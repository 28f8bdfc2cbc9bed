import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from './config.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { createLog } from './log.js';
import { systemClock } from './clock.js';
import { parseStatementFile } from './statements/statement-file.js';
import { importWithChange, SUMMARY_MAX } from './amendments/amend.js';
import { loadSecret } from './secret.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { CliError, type CliCommand } from './cli-types.js';
import { staffAdd } from './staff/cli.js';
import { backupCommand, restoreCommand } from './backup/cli.js';
import { importEndorsementsCommand, launchCommand } from './launch/cli.js';
import { updateSendCommand } from './updates/cli.js';

const USAGE = `Usage: npm run cli -- <command>

  statement import FILE.md [--open] [--substantive "what changed"]
                                      publish a statement (or add a translation) from Markdown; a changed
                                      text is minor unless --substantive: then every endorser of an earlier
                                      version is emailed to endorse the new one
  staff add --email E --name N --role admin|verifier [--password P]
                                      add a staff account (prints a generated password if none given)
  statement launch SLUG               end a statement's embargo now: its signatories appear, endorsers are emailed
  endorsements import SLUG FILE.csv [--send-links] [--dry-run]
                                      add endorsements from a CSV file (all or nothing; listed ones skipped)
  update send SLUG FILE.md [FILE.fr.md …] --audience opted_in|all_endorsers [--dry-run]
                                      email an update to a statement's endorsers (one file per language)
  migrate                             apply database migrations
  backup FILE                         the whole database into FILE (embedded: SQL; PostgreSQL: pg_dump)
  restore FILE                        a backup into a new, empty database (refuses any other)
`;

const commands: Record<string, CliCommand> = {
  'staff add': staffAdd,
  'statement launch': launchCommand,
  'endorsements import': importEndorsementsCommand,
  'update send': updateSendCommand,
  backup: backupCommand,
  restore: restoreCommand,
  async migrate(_args, { handle, out }) {
    const applied = await migrate(handle);
    out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  },
  async 'statement import'(args, { handle, out, config }) {
    const { values, positionals } = parseArgs({
      args,
      options: { open: { type: 'boolean', default: false }, substantive: { type: 'string' } },
      allowPositionals: true,
    });
    const summary = values.substantive?.replace(/\r\n?/g, '\n').trim();
    if (summary !== undefined && (summary.length === 0 || summary.length > SUMMARY_MAX)) {
      throw new CliError(
        `statement import: --substantive needs what changed (1 to ${SUMMARY_MAX} characters)`,
      );
    }
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      throw new CliError('statement import: give exactly one FILE.md');
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(
        `statement import: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const parsed = parseStatementFile(text);
    if (!parsed.ok) {
      throw new CliError(`${file}: nothing was changed.\n` + parsed.errors.map((e) => `  ${e}`).join('\n'));
    }
    await migrate(handle);
    if (!config) {
      throw new Error('the CLI passes its configuration');
    }
    // No live hub and no mail worker here: the servers hear of it through NOTIFY and send the mail.
    const result = await importWithChange(
      { db: handle.db, config, secret: loadSecret(config) },
      systemClock.now(),
      { id: null, name: 'cli' },
      { ...parsed.input, open: values.open },
      summary === undefined ? { kind: 'minor' } : { kind: 'substantive', summary },
    );
    if (!result || 'kind' in result) {
      throw new CliError(
        `${file}: nothing was changed. --substantive applies only to a new text replacing the existing authoritative text of "${parsed.input.slug}" (${parsed.input.locale} is not it, or the text is the same).`,
      );
    }
    const what = result.created
      ? 'created'
      : result.translationAdded
        ? `translation (${parsed.input.locale}) added`
        : `text (${parsed.input.locale}) updated`;
    out(
      `Statement "${parsed.input.slug}" ${what}${values.open ? ' and open for endorsement' : ''}. Version ${result.version}.`,
    );
    if (result.amended) {
      out(
        `Substantive change: the statement is now at version ${result.amended.version}; ${result.amended.mails} endorser(s) of an earlier version will be emailed.`,
      );
    }
  },
};

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  out = (l: string) => console.log(l),
): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((n) => n && commands[n]);
  if (!name) {
    out(USAGE);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 1;
  }
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      console.error(`Configuration error: ${e}`);
    }
    return 1;
  }
  const log = createLog(
    parsed.config.logLevel === 'debug' ? 'debug' : 'warn',
    undefined,
    parsed.config.logFormat,
  );
  let handle: DatabaseHandle | undefined;
  try {
    handle = await connectDatabase({
      url: parsed.config.databaseUrl,
      dataDir: parsed.config.dataDir,
      log,
      poolSize: 2,
    });
    await commands[name]!(argv.slice(name.split(' ').length), { handle, out, config: parsed.config });
    return 0;
  } catch (err) {
    console.error(
      err instanceof CliError || err instanceof DataDirLockedError
        ? (err as Error).message
        : `Error: ${(err as Error).message}`,
    );
    return 1;
  } finally {
    await handle?.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await runCli(process.argv.slice(2), process.env);
}
