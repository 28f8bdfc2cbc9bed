import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/** Table types mirror sql/*.sql. bigint columns are parsed as numbers (see connect.ts). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const STATEMENT_STATUSES = ['draft', 'open', 'closed'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];
export const PUBLISH_ON = ['verified', 'confirmed'] as const;
export type PublishOn = (typeof PUBLISH_ON)[number];
export const ORG_TYPES = [
  'union',
  'federation',
  'union_branch',
  'association',
  'political',
  'other',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ENDORSEMENT_STATUSES = ['pending', 'confirmed', 'verified', 'rejected', 'withdrawn'] as const;
export type EndorsementStatus = (typeof ENDORSEMENT_STATUSES)[number];
export const ENDORSEMENT_SOURCES = ['letter', 'email', 'meeting', 'phone', 'other'] as const;
export type EndorsementSource = (typeof ENDORSEMENT_SOURCES)[number];
export const STAFF_ROLES = ['admin', 'verifier'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface StatementsTable {
  id: Generated<number>;
  slug: string;
  status: ColumnType<StatementStatus, StatementStatus | undefined, StatementStatus>;
  publish_on: ColumnType<PublishOn, PublishOn | undefined, PublishOn>;
  default_locale: string;
  closes_at: Timestamp | null;
  opened_at: Timestamp | null;
  /** Proof-of-work required on the form until then (switched on when the statement's ceiling is reached). */
  pow_required_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Embargo (sql/0010_launch.sql): the list stays hidden until launched_at is set. */
  launch_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  launched_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Substantive changes so far, from 1 (sql/0012_amendments.sql). */
  version: ColumnType<number, number | undefined, number>;
}

export interface StatementTextsTable {
  id: Generated<number>;
  statement_id: number;
  locale: string;
  title: string;
  body_md: string;
  version: string;
  authoritative: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StatementTextVersionsTable {
  statement_id: number;
  locale: string;
  version: string;
  title: string;
  body_md: string;
  created_at: DefaultTimestamp;
}

export interface OrganisationsTable {
  id: Generated<number>;
  normalised_name: string;
  country: string;
  name: string;
  created_at: DefaultTimestamp;
}

export interface EndorsementsTable {
  id: Generated<number>;
  statement_id: number;
  organisation_id: number;
  display_name: string;
  org_type: OrgType;
  country: string;
  city: string | null;
  website: string | null;
  members: number | null;
  contact_name: string | null;
  contact_role: string | null;
  email: string | null;
  email_normalised: string | null;
  comment: string | null;
  updates_opt_in: ColumnType<boolean, boolean | undefined, boolean>;
  staff_note: string | null;
  locale: string;
  status: ColumnType<EndorsementStatus, EndorsementStatus | undefined, EndorsementStatus>;
  rejection_reason: string | null;
  text_version: string | null;
  ip_hash: string | null;
  resend_count: ColumnType<number, number | undefined, number>;
  decided_by: number | null;
  created_at: DefaultTimestamp;
  confirmed_at: Timestamp | null;
  verified_at: Timestamp | null;
  rejected_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  erased_at: Timestamp | null;
  published_at: Timestamp | null;
  updated_at: DefaultTimestamp;
  /** Generated (sql/0006_queue_similarity.sql): the normalised name, set while confirmed or public. */
  name_key: ColumnType<string | null, never, never>;
  /** Generated: the initials of a name of several words, set while confirmed or public. */
  name_initials: ColumnType<string | null, never, never>;
  /** Listed first, under "Initiated by" (sql/0010_launch.sql). */
  initiator: ColumnType<boolean, boolean | undefined, boolean>;
  /** How staff received it (letter, meeting…); null = the public form. */
  source: ColumnType<
    EndorsementSource | null,
    EndorsementSource | null | undefined,
    EndorsementSource | null
  >;
  evidence: ColumnType<string | null, string | null | undefined, string | null>;
  entered_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** Unsubscribed from the statement's news (sql/0011_talk.sql). */
  unsubscribed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The statement's version this endorsement endorsed (sql/0012_amendments.sql). */
  statement_version: ColumnType<number, number | undefined, number>;
}

/** A substantive change of a statement's text (sql/0012_amendments.sql). */
export interface StatementAmendmentsTable {
  statement_id: number;
  version: number;
  locale: string;
  text_version: string;
  summary: string;
  created_by: number | null;
  created_at: DefaultTimestamp;
  deadline: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  template: string;
  locale: string;
  to_address: string;
  data: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string>;
  endorsement_id: number | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  /** The mail worker holding this claim (its advisory lock says whether it is alive); null when queued. */
  claimed_by: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: string | null;
  message_id: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
  /** 0 = transactional (always first), 1 = bulk: updates (sql/0011_talk.sql). */
  lane: ColumnType<number, number | undefined, number>;
  /** The update this mail belongs to, for its progress. */
  update_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export const UPDATE_AUDIENCES = ['opted_in', 'all_endorsers'] as const;
export type UpdateAudience = (typeof UPDATE_AUDIENCES)[number];
/** Subject and Markdown body of an update in one language. */
export interface UpdateText {
  subject: string;
  body: string;
}

export interface EndorserUpdatesTable {
  id: Generated<number>;
  statement_id: number;
  audience: UpdateAudience;
  /** Per language: { "en": { subject, body }, … }. */
  texts: ColumnType<Record<string, UpdateText>, string, string>;
  status: ColumnType<'draft' | 'sent', 'draft' | 'sent' | undefined, 'draft' | 'sent'>;
  created_by: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  sent_at: Timestamp | null;
  sent_by: number | null;
  recipients: number | null;
}

export interface MilestonesTable {
  id: Generated<number>;
  statement_id: number;
  /** YYYY-MM-DD, as written. */
  happened_on: string;
  /** Per language: short Markdown. */
  texts: ColumnType<Record<string, string>, string, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  /** The waiting reminder (sql/0016_staff_digest.sql): after how many hours, in which language, last sent. */
  digest_after_hours: number | null;
  digest_locale: string | null;
  digest_sent_at: Timestamp | null;
}

export interface StaffSessionsTable {
  id_hash: string;
  staff_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
}

/** A single-use sign-in link for staff (invitation, password reset): only its hash is kept. */
export interface StaffTokensTable {
  id: Generated<number>;
  staff_id: number;
  purpose: 'invite' | 'reset';
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  staff_id: number | null;
  actor: string;
  action: string;
  statement_id: number | null;
  endorsement_id: number | null;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, never>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: DefaultTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface Database {
  statements: StatementsTable;
  statement_texts: StatementTextsTable;
  statement_text_versions: StatementTextVersionsTable;
  statement_amendments: StatementAmendmentsTable;
  organisations: OrganisationsTable;
  endorsements: EndorsementsTable;
  email_outbox: EmailOutboxTable;
  endorser_updates: EndorserUpdatesTable;
  milestones: MilestonesTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  staff_tokens: StaffTokensTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Db = Kysely<Database>;
/** Query functions accept either the database or an open transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export type Statement = Selectable<StatementsTable>;
export type StatementText = Selectable<StatementTextsTable>;
export type Endorsement = Selectable<EndorsementsTable>;
export type NewEndorsement = Insertable<EndorsementsTable>;
export type EndorsementUpdate = Updateable<EndorsementsTable>;
export type OutboxRow = Selectable<EmailOutboxTable>;
export type EndorserUpdateRow = Selectable<EndorserUpdatesTable>;
export type MilestoneRow = Selectable<MilestonesTable>;
export type StaffUser = Selectable<StaffUsersTable>;
