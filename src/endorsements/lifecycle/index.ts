// The endorsement lifecycle: its states, the one "is it public" rule, and one function per
// transition, each doing its guarded update, audit entry, outbox mail and announcement together in
// one transaction (docs/ARCHITECTURE.md). Routes and the CLI call these; nothing else changes an
// endorsement's state.
export type { LifecycleDeps } from './context.js';
export type { DecisionOutcome } from './outcomes.js';
export {
  ENDORSEMENT_STATUSES,
  PUBLIC_STATUSES,
  isPublic,
  publicSql,
  endorsesCurrentVersion,
  outdatedSql,
  STANDING_STATUSES,
  type EndorsementStatus,
} from './states.js';
export { submitEndorsement, resendConfirmation, type SubmitOutcome } from './submit.js';
export { confirmEndorsement, type ConfirmOutcome } from './confirm.js';
export { withdrawEndorsement, type WithdrawOutcome } from './withdraw.js';
export { reconfirmEndorsement, type ReconfirmOutcome } from './reconfirm.js';
export { removeOutdatedEndorsements, type RemoveOutdatedOutcome } from './remove-outdated.js';
export { verifyEndorsement } from './verify.js';
export { rejectEndorsement } from './reject.js';
export { reopenEndorsement, unlistEndorsement } from './reverse.js';
export { UNDO_WINDOW_MS, DECISION_MAIL_HOLD_MS, canUndo } from './undo-window.js';
export { correctEndorsement, noteEndorsement, type Correction } from './edit.js';
export { eraseEmail, ERASED_NAME, type ErasureResult } from './erase.js';
export { setInitiator } from './initiator.js';
export {
  enterEndorsements,
  planEntries,
  type EntryMode,
  type EntryPlan,
  type EntryResult,
  type StaffEntry,
} from './enter.js';
export {
  updateRecipients,
  countUpdateRecipients,
  updateRecipientsQuery,
  type UpdateRecipient,
} from './audience.js';
export { unsubscribeFromNews, type UnsubscribeOutcome } from './unsubscribe.js';
