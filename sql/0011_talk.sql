-- Talking to endorsers (README.md "Updates to endorsers", "Unsubscribe", "Milestones").

-- Priority lanes of the outbox: 0 = transactional (confirmations, receipts: always first),
-- 1 = bulk (updates: spread at UPDATE_MAIL_PER_MINUTE when queued, sent only when no
-- transactional mail is due, never in every slot of a worker).
alter table email_outbox add column lane smallint not null default 0 check (lane in (0, 1));
create index email_outbox_lane_due_idx on email_outbox (lane, next_attempt_at, id)
  where status in ('queued', 'sending');

-- An update written by staff for one statement: subject and Markdown per language
-- (texts = { "en": { "subject": "…", "body": "…" }, … }); sent once.
create table endorser_updates (
  id           bigint generated always as identity primary key,
  statement_id bigint not null references statements (id) on delete cascade,
  audience     text not null check (audience in ('opted_in', 'all_endorsers')),
  texts        jsonb not null,
  status       text not null default 'draft' check (status in ('draft', 'sent')),
  created_by   bigint references staff_users (id) on delete set null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  sent_at      timestamptz,
  sent_by      bigint references staff_users (id) on delete set null,
  recipients   integer
);
create index endorser_updates_statement_idx on endorser_updates (statement_id, id desc);

-- Which update a mail belongs to (its progress: queued / sent / failed).
alter table email_outbox add column update_id bigint references endorser_updates (id) on delete set null;
create index email_outbox_update_idx on email_outbox (update_id, status) where update_id is not null;

-- One-click unsubscribe from a statement's news (RFC 8058): set on every endorsement of the
-- statement with the same address. Service notices (audience all_endorsers) still arrive while the
-- endorsement stands.
alter table endorsements add column unsubscribed_at timestamptz;

-- What happened since (delivered, a reply): dated, short Markdown per language
-- (texts = { "en": "…", "fr": "…" }). The day is an ISO date (YYYY-MM-DD), as written: no time zone.
create table milestones (
  id           bigint generated always as identity primary key,
  statement_id bigint not null references statements (id) on delete cascade,
  happened_on  text not null check (happened_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  texts        jsonb not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index milestones_statement_idx on milestones (statement_id, happened_on desc, id desc);
