import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps.js';
import { errorPage } from '../views/error-page.js';
import { accountRoutes } from './account-routes.js';
import { amendmentRoutes } from './amendment-routes.js';
import { auditRoutes } from './audit-routes.js';
import { authRoutes } from './auth-routes.js';
import type { StaffEnv } from './env.js';
import { exportRoutes } from './export-routes.js';
import { staffGuard } from './middleware.js';
import { privacyStaffRoutes } from './privacy-routes.js';
import { queueRoutes } from './queue-routes.js';
import { queueWorkRoutes } from './queue-work-routes.js';
import { setupRoutes } from './setup-routes.js';
import { statementRoutes } from './statement-routes.js';
import { backupRoutes } from './backup-routes.js';
import { IMPORT_MAX_BYTES, launchRoutes } from './launch-routes.js';
import { updateRoutes } from './update-routes.js';
import { onboardingRoutes } from './onboarding-routes.js';
import { openingRoutes } from './opening-routes.js';
import { passwordLinkRoutes } from './password-link-routes.js';

/** Statement texts can be long; app.tsx leaves /admin to set its own body limit. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/**
 * Everything under /admin (mounted there by app.tsx). Every route goes through one guard (session,
 * role from the ROUTES table, CSRF token) — see access.ts and middleware.ts.
 */
export function staffRoutes(deps: Deps) {
  const app = new Hono<StaffEnv>();
  const limit = bodyLimit({
    maxSize: ADMIN_BODY_LIMIT,
    onError: (c) => errorPage(c as never, 413, 'error.tooLarge.title', 'error.tooLarge.body'),
  });
  // An import file may be 2 MB (plus the form around it); said in the page's words when larger.
  const importLimit = bodyLimit({
    maxSize: IMPORT_MAX_BYTES + 64 * 1024,
    onError: (c) => errorPage(c as never, 413, 'error.tooLarge.title', 'staff.import.tooLarge'),
  });
  app.use((c, next) =>
    (/^\/admin\/statements\/\d+\/import$/.test(c.req.path) ? importLimit : limit)(c, next),
  );
  app.use(staffGuard(deps));
  authRoutes(app, deps);
  setupRoutes(app, deps);
  queueRoutes(app, deps);
  queueWorkRoutes(app, deps);
  statementRoutes(app, deps);
  exportRoutes(app, deps);
  auditRoutes(app, deps);
  privacyStaffRoutes(app, deps);
  accountRoutes(app, deps);
  backupRoutes(app, deps);
  launchRoutes(app, deps);
  updateRoutes(app, deps);
  amendmentRoutes(app, deps);
  onboardingRoutes(app, deps);
  openingRoutes(app, deps);
  passwordLinkRoutes(app, deps);
  return app;
}
