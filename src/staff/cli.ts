import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { CliError, type CliCommand } from '../cli-types.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../clock.js';
import { i18nFor, type MessageKey } from '../i18n/i18n.js';
import { DuplicateStaffEmailError, createStaffUser, preparePassword } from './accounts.js';
import { recordAudit } from '../audit/audit.js';
import { NewStaffSchema } from './staff-input.js';

const HELP = 'staff add --email E --name N --role admin|verifier [--password P]';

/**
 * `staff add`: how the first admin is made on a server (and how any account can be made from a
 * shell). Prints a generated password when none is given — the only time it is ever shown.
 */
export const staffAdd: CliCommand = async (args, { handle, out }) => {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
      },
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliError(`staff add: ${(err as Error).message}\nUsage: npm run cli -- ${HELP}`);
  }
  const missing = (['email', 'name', 'role'] as const).filter((k) => !values[k]);
  if (missing.length) {
    throw new CliError(
      `staff add: missing ${missing.map((m) => `--${m}`).join(', ')}\nUsage: npm run cli -- ${HELP}`,
    );
  }
  const parsed = v.safeParse(NewStaffSchema, {
    email: values.email,
    name: values.name,
    role: values.role,
    password: values.password,
  });
  if (!parsed.success) {
    const en = i18nFor('en');
    const lines = parsed.issues.map(
      (i) => `  --${i.path?.map((p) => String(p.key)).join('.') ?? '?'}: ${en.t(i.message as MessageKey)}`,
    );
    throw new CliError(`staff add: nothing was changed.\n${[...new Set(lines)].join('\n')}`);
  }
  await migrate(handle);
  const { hash, generated } = await preparePassword(parsed.output.password || undefined);
  const now = systemClock.now();
  try {
    const user = await handle.db.transaction().execute(async (trx) => {
      const u = await createStaffUser(trx, parsed.output, hash, now);
      await recordAudit(
        trx,
        { id: null, name: 'command line' },
        {
          action: 'staff.add',
          details: { staffId: u.id, email: u.email, name: u.name, role: u.role, via: 'cli' },
        },
        now,
      );
      return u;
    });
    out(`Staff account created: ${user.name} <${user.email}> (${user.role}).`);
    if (generated) {
      out(`Password (shown only this once): ${generated}`);
    }
  } catch (err) {
    if (err instanceof DuplicateStaffEmailError) {
      throw new CliError(
        `staff add: a staff account with the email ${parsed.output.email} already exists; nothing was changed.`,
      );
    }
    throw err;
  }
};
