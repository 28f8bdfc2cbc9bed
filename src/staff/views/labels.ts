import type { EndorsementStatus, OrgType, StatementStatus } from '../../db/database.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';

/** Names of states and types in the staff member's language. */
export const statusLabel = (t: I18n['t'], s: EndorsementStatus) => t(`staff.status.${s}` as MessageKey);
export const typeLabel = (t: I18n['t'], s: OrgType) => t(`staff.type.${s}` as MessageKey);
export const statementStatusLabel = (t: I18n['t'], s: StatementStatus) =>
  t(`staff.statementStatus.${s}` as MessageKey);
