import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { CliError, type CliCommand, type CliContext } from '../cli-types.js';
import { systemClock } from '../clock.js';
import { migrate } from '../db/migrate.js';
import { countUpdateRecipients } from '../endorsements/lifecycle/index.js';
import { loadSecret } from '../secret.js';
import { findStatementBySlug } from '../statements/queries.js';
import { authoritativeLocale, createUpdate, parseUpdate, sendUpdate } from './updates.js';

const USAGE = 'update send SLUG FILE.md [FILE.fr.md …] --audience opted_in|all_endorsers [--dry-run]';
const CLI_ACTOR = { id: null, name: 'cli' };

/**
 * One language of an update: Markdown with front matter `subject:` (required) and `locale:` (else
 * the file name's `.xx.md`, else the statement's authoritative language).
 */
function readUpdateFile(
  file: string,
  fallbackLocale: string,
): { locale: string; subject: string; body: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `update send: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (!m) {
    throw new CliError(
      `${file}: must start with front matter: "---", "subject: …", "---", then the Markdown text`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(m[1] ?? '', { schema: 'core' });
  } catch (err) {
    throw new CliError(`${file}: front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const fm = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const fromName = /\.([a-z]{2})\.md$/i.exec(file)?.[1]?.toLowerCase();
  const locale =
    typeof fm.locale === 'string' ? fm.locale.trim().toLowerCase() : (fromName ?? fallbackLocale);
  if (typeof fm.subject !== 'string') {
    throw new CliError(`${file}: subject: is required in the front matter`);
  }
  return { locale, subject: fm.subject, body: m[2] ?? '' };
}

/** `update send SLUG FILE.md [FILE.fr.md …] --audience … [--dry-run]` (README "Updates to endorsers"). */
export const updateSendCommand: CliCommand = async (args, ctx: CliContext) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { audience: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nUsage: npm run cli -- ${USAGE}`);
  }
  const [slug, ...files] = parsed.positionals;
  const audience = parsed.values.audience;
  if (!slug || files.length === 0 || (audience !== 'opted_in' && audience !== 'all_endorsers')) {
    throw new CliError(`Usage: npm run cli -- ${USAGE}`);
  }
  if (!ctx.config) {
    throw new Error('the CLI passes its configuration');
  }
  await migrate(ctx.handle);
  const db = ctx.handle.db;
  const statement = await findStatementBySlug(db, slug);
  if (!statement || statement.texts.length === 0) {
    throw new CliError(`No statement "${slug}".`);
  }
  const texts: Record<string, { subject: string; body: string }> = {};
  for (const file of files) {
    const t = readUpdateFile(file, authoritativeLocale(statement));
    if (texts[t.locale]) {
      throw new CliError(`${file}: a second text in "${t.locale}"`);
    }
    texts[t.locale] = { subject: t.subject, body: t.body };
  }
  const input = parseUpdate(statement, { audience, texts });
  if (!input.ok) {
    throw new CliError(
      `Nothing was sent. Each file needs a subject (one line, at most 200 characters) and a text (at most 20,000 characters), and one of them must be in "${input.missing}", the statement's authoritative language.`,
    );
  }
  const languages = Object.keys(input.input.texts).join(', ');
  const n = await countUpdateRecipients(db, statement.id, audience);
  if (parsed.values['dry-run']) {
    ctx.out(
      `Dry run: would send to ${n} addresses (${audience}; texts in ${languages}). Nothing was changed.`,
    );
    return;
  }
  if (n === 0) {
    throw new CliError(`Nobody would receive this update (${audience}). Nothing was changed.`);
  }
  const now = systemClock.now();
  const deps = { db, config: ctx.config, secret: loadSecret(ctx.config), mailSignal: () => {} };
  const id = await createUpdate(deps, now, CLI_ACTOR, statement.id, input.input);
  const r = await sendUpdate(deps, now, CLI_ACTOR, id);
  if (r.kind === 'sent') {
    // No mail worker here: the servers hear of it through NOTIFY (or their poll) and send it.
    ctx.out(
      `Update ${id} queued for ${r.recipients} addresses (${audience}; texts in ${languages}); the last leaves around ${r.lastDue.toISOString()}.`,
    );
  } else {
    throw new CliError(`Update ${id} was not sent (${r.kind}).`);
  }
};
