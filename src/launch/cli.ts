import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, type CliCommand, type CliContext } from '../cli-types.js';
import { systemClock } from '../clock.js';
import { migrate } from '../db/migrate.js';
import { formatProblem, readImportFile } from '../endorsements/import/rows.js';
import { enterEndorsements, planEntries } from '../endorsements/lifecycle/index.js';
import { i18nFor } from '../i18n/i18n.js';
import { loadSecret } from '../secret.js';
import { findStatementBySlug } from '../statements/queries.js';
import { launchStatement } from './launch.js';

/** The CLI acts as this actor in the audit log (there is no signed-in person). */
const CLI_ACTOR = { id: null, name: 'cli' };

function mailDeps(ctx: CliContext) {
  if (!ctx.config) {
    throw new Error('the CLI passes its configuration');
  }
  // No live hub and no mail worker here: the servers hear of it through NOTIFY and send the mail.
  return {
    db: ctx.handle.db,
    config: ctx.config,
    secret: loadSecret(ctx.config),
    mailSignal: () => {},
  };
}

async function statementOf(ctx: CliContext, slug: string | undefined, usage: string) {
  if (!slug) {
    throw new CliError(`Usage: npm run cli -- ${usage}`);
  }
  await migrate(ctx.handle);
  const statement = await findStatementBySlug(ctx.handle.db, slug);
  if (!statement || statement.texts.length === 0) {
    throw new CliError(`No statement "${slug}".`);
  }
  return statement;
}

/** `statement launch SLUG`: end the embargo now (README "Launching a statement"). */
export const launchCommand: CliCommand = async (args, ctx) => {
  const statement = await statementOf(ctx, args[0], 'statement launch SLUG');
  const r = await launchStatement(mailDeps(ctx), systemClock.now(), CLI_ACTOR, statement.id);
  if (r.kind === 'launched') {
    ctx.out(
      `Statement "${r.slug}" launched: its signatories are public; ${r.mails} endorsers will be emailed.`,
    );
  } else if (r.kind === 'not-embargoed') {
    throw new CliError(
      r.launchedAt
        ? `Statement "${statement.slug}" was launched already, on ${r.launchedAt.toISOString()}.`
        : `Statement "${statement.slug}" has no launch date: its signatories are public already.`,
    );
  }
};

/** `endorsements import SLUG FILE.csv [--send-links] [--dry-run]`: all or nothing, listed ones skipped. */
export const importEndorsementsCommand: CliCommand = async (args, ctx) => {
  const usage = 'endorsements import SLUG FILE.csv [--send-links] [--dry-run]';
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'send-links': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nUsage: npm run cli -- ${usage}`);
  }
  const [slug, file, ...rest] = parsed.positionals;
  if (!file || rest.length) {
    throw new CliError(`Usage: npm run cli -- ${usage}`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `endorsements import: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const statement = await statementOf(ctx, slug, usage);
  const mode = parsed.values['send-links'] ? 'link' : 'verify';
  const started = performance.now();
  const read = readImportFile(text, { mode, defaultLocale: statement.default_locale });
  if (!read.ok) {
    const t = i18nFor('en').t;
    throw new CliError(
      `${file}: nothing was imported.\n` + read.problems.map((p) => `  ${formatProblem(p, t)}`).join('\n'),
    );
  }
  const report = (plan: { add: number[]; skip: Array<{ index: number; reason: string }> }, verb: string) => {
    for (const s of plan.skip) {
      ctx.out(
        `  line ${read.lines[s.index]}: skipped (${s.reason === 'listed' ? 'already listed' : 'a link is already waiting'}): ${read.entries[s.index]!.orgName}`,
      );
    }
    ctx.out(`${plan.add.length} endorsements ${verb}, ${plan.skip.length} skipped.`);
  };
  if (parsed.values['dry-run']) {
    report(await planEntries(ctx.handle.db, statement.id, read.entries, mode), 'would be imported (dry run)');
    return;
  }
  const result = await enterEndorsements(
    mailDeps(ctx),
    systemClock.now(),
    CLI_ACTOR,
    statement,
    read.entries,
    mode,
    {
      file,
    },
  );
  report(
    result,
    mode === 'link' ? 'imported as pending, each contact sent a confirmation link' : 'imported as verified',
  );
  ctx.out(`Took ${((performance.now() - started) / 1000).toFixed(2)} s.`);
};
