import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Deps } from '../deps.js';
import { route } from './access.js';
import { recordAudit } from '../audit/audit.js';
import { sessionOf, type StaffApp, type StaffContext } from './env.js';
import { actorOf } from './context.js';
import { CsrfField, staffPage, type Notice } from './views/staff-page.js';
import { PG_DUMP_BY_HAND } from '../backup/backup.js';
import { BackupBusyError } from '../backup/downloads.js';

/**
 * Backups from the admin (README "Operating"): on the embedded database, "Download a backup" makes
 * one while the site keeps serving and streams it gzipped; on PostgreSQL the page gives the pg_dump
 * command. Admins only (access.ts), a POST with the session's token (a link cannot start one), one
 * at a time, each in the audit log.
 */
export function backupRoutes(app: StaffApp, deps: Deps) {
  const page = (c: StaffContext, notices: Notice[] = [], status: 200 | 409 = 200) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.backup.title'),
      <>
        <h1>{t('staff.backup.title')}</h1>
        <p>{t('staff.backup.intro')}</p>
        {deps.backups ? (
          <form method="post" action="/admin/backup">
            <CsrfField token={sessionOf(c).csrfToken} />
            <p>{t('staff.backup.embedded')}</p>
            <button type="submit">{t('staff.backup.download')}</button>
          </form>
        ) : deps.dbKind === 'postgres' ? (
          <>
            <p>{t('staff.backup.postgres')}</p>
            <pre>
              <code>{PG_DUMP_BY_HAND}</code>
            </pre>
          </>
        ) : (
          <p>{t('staff.backup.memory')}</p>
        )}
      </>,
      { notices, status },
    );
  };

  route(app, 'GET /backup', (c) => page(c));

  route(app, 'POST /backup', async (c) => {
    const backups = deps.backups;
    if (!backups) {
      return page(c);
    }
    let made: { file: string; cleanup: () => void };
    try {
      made = await backups.make();
    } catch (err) {
      if (err instanceof BackupBusyError) {
        return page(c, [{ kind: 'warn', text: c.get('i18n').t('staff.backup.busy') }], 409);
      }
      throw err;
    }
    const now = deps.clock.now();
    const bytes = fs.statSync(made.file).size;
    try {
      await recordAudit(deps.db, actorOf(c), { action: 'backup.download', details: { bytes } }, now);
    } catch (err) {
      made.cleanup();
      throw err;
    }
    const stamp = now.toISOString().slice(0, 16).replace(/:/g, '');
    const source = fs.createReadStream(made.file);
    source.once('close', made.cleanup);
    const gzip = source.pipe(createGzip());
    // A client that goes away stops the stream; the temporary file goes either way.
    gzip.once('close', () => source.destroy());
    return c.body(Readable.toWeb(gzip) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="undersigned-backup-${stamp}Z.sql.gz"`,
      'Cache-Control': 'no-store',
    });
  });
}
