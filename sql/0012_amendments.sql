-- Amendments (README.md "Amending a statement").
-- A statement's version counts its substantive changes: a minor edit keeps it, a substantive one
-- moves it on. Each endorsement records the version it endorsed (on confirmation, on entry by staff,
-- on re-confirmation); one of an earlier version stays listed, marked, until it re-confirms.
alter table statements
  add column version integer not null default 1 check (version >= 1);

alter table endorsements
  add column statement_version integer not null default 1 check (statement_version >= 1);

-- One row per substantive change: what changed (the summary mailed to endorsers), the text it
-- made current, who made it, and the deadline staff set for re-confirming (null: none yet).
create table statement_amendments (
  statement_id bigint not null references statements (id) on delete cascade,
  version      integer not null check (version >= 2),
  locale       text not null,
  text_version text not null,
  summary      text not null check (length(summary) between 1 and 2000),
  created_by   bigint references staff_users (id) on delete set null,
  created_at   timestamptz not null default now(),
  deadline     timestamptz,
  primary key (statement_id, version)
);

-- Who has not re-confirmed: standing endorsements of a statement below its version.
create index endorsements_statement_version_idx
  on endorsements (statement_id, statement_version)
  where status in ('confirmed', 'verified');
