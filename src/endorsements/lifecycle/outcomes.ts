import type { EndorsementStatus } from '../../db/database.js';

/**
 * What a staff decision came to. A refusal says why in terms the page can show: already decided
 * (by whom), the organisation already listed through another endorsement, not editable now, or
 * (undo) the undo window has passed.
 */
export type DecisionOutcome =
  | { kind: 'done'; statementId: number }
  | { kind: 'not-found' }
  | {
      kind: 'already-decided';
      statementId: number;
      status: EndorsementStatus;
      by: string | null;
    }
  | { kind: 'organisation-public'; statementId: number }
  | { kind: 'not-editable'; statementId: number; status: EndorsementStatus }
  | { kind: 'too-late'; statementId: number };
