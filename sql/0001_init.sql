-- Undersigned: initial schema (docs/ARCHITECTURE.md). Forward-only: never edit once applied; add 0002_….sql.

create table statements (
  id             bigint generated always as identity primary key,
  slug           text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  status         text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  publish_on     text not null default 'verified' check (publish_on in ('verified', 'confirmed')),
  default_locale text not null check (default_locale ~ '^[a-z]{2}$'),
  closes_at      timestamptz,
  opened_at      timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index statements_open_idx on statements (opened_at desc) where status = 'open';

-- One row per language of a statement; `version` is a hash of title + body.
create table statement_texts (
  id            bigint generated always as identity primary key,
  statement_id  bigint not null references statements (id) on delete cascade,
  locale        text not null check (locale ~ '^[a-z]{2}$'),
  title         text not null check (length(title) between 1 and 300),
  body_md       text not null,
  version       text not null,
  authoritative boolean not null default false,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (statement_id, locale)
);
create unique index statement_texts_one_authoritative on statement_texts (statement_id) where authoritative;

-- Every version of every text ever published, so an endorsement can show what it signed.
create table statement_text_versions (
  statement_id bigint not null references statements (id) on delete cascade,
  locale       text not null,
  version      text not null,
  title        text not null,
  body_md      text not null,
  created_at   timestamptz not null default now(),
  primary key (statement_id, locale, version)
);

-- The same union across statements: normalised name + country.
create table organisations (
  id              bigint generated always as identity primary key,
  normalised_name text not null,
  country         text not null check (country ~ '^[A-Z]{2}$'),
  name            text not null,
  created_at      timestamptz not null default now(),
  unique (normalised_name, country)
);

create table staff_users (
  id            bigint generated always as identity primary key,
  email         text not null,
  name          text not null,
  role          text not null check (role in ('admin', 'verifier')),
  password_hash text not null,
  disabled_at   timestamptz,
  last_login_at timestamptz,
  created_at    timestamptz not null default now()
);
create unique index staff_users_email_idx on staff_users (lower(email));

create table endorsements (
  id               bigint generated always as identity primary key,
  statement_id     bigint not null references statements (id) on delete cascade,
  organisation_id  bigint not null references organisations (id),
  -- Public fields.
  display_name     text not null check (length(display_name) between 1 and 200),
  org_type         text not null check (org_type in ('union', 'federation', 'union_branch', 'association', 'political', 'other')),
  country          text not null check (country ~ '^[A-Z]{2}$'),
  city             text,
  website          text,
  members          integer check (members >= 0),
  -- Private fields: null after erasure.
  contact_name     text,
  contact_role     text,
  email            text,
  email_normalised text,
  comment          text,
  updates_opt_in   boolean not null default false,
  staff_note       text,
  -- Workflow.
  locale           text not null,
  status           text not null default 'pending'
                   check (status in ('pending', 'confirmed', 'verified', 'rejected', 'withdrawn')),
  rejection_reason text,
  text_version     text,
  ip_hash          text,
  resend_count     integer not null default 0,
  decided_by       bigint references staff_users (id),
  created_at       timestamptz not null default now(),
  confirmed_at     timestamptz,
  verified_at      timestamptz,
  rejected_at      timestamptz,
  withdrawn_at     timestamptz,
  erased_at        timestamptz,
  -- Set when the endorsement becomes public (per the statement's publish_on); kept on withdrawal.
  published_at     timestamptz,
  updated_at       timestamptz not null default now()
);
-- One public endorsement per organisation per statement.
create unique index endorsements_one_public_per_org
  on endorsements (statement_id, organisation_id)
  where published_at is not null and status in ('confirmed', 'verified');
-- One pending endorsement per email per statement: a second submission re-sends the link.
create unique index endorsements_one_pending_per_email
  on endorsements (statement_id, email_normalised)
  where status = 'pending';
-- The public list, in publication order.
create index endorsements_public_idx
  on endorsements (statement_id, published_at, id)
  where published_at is not null and status in ('confirmed', 'verified');
create index endorsements_queue_idx on endorsements (statement_id, confirmed_at, id) where status = 'confirmed';
create index endorsements_org_idx on endorsements (organisation_id);
create index endorsements_email_idx on endorsements (email_normalised);
create index endorsements_pending_age_idx on endorsements (created_at) where status = 'pending';

-- Transactional outbox: written with the row that caused it, sent by the mail worker.
create table email_outbox (
  id              bigint generated always as identity primary key,
  template        text not null,
  locale          text not null,
  to_address      text not null,
  data            jsonb not null default '{}',
  endorsement_id  bigint references endorsements (id) on delete set null,
  status          text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until    timestamptz,
  last_error      text,
  message_id      text,
  created_at      timestamptz not null default now(),
  sent_at         timestamptz
);
create index email_outbox_due_idx on email_outbox (next_attempt_at, id) where status in ('queued', 'sending');

create table staff_sessions (
  id_hash      text primary key,
  staff_id     bigint not null references staff_users (id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at   timestamptz not null,
  user_agent   text
);
create index staff_sessions_staff_idx on staff_sessions (staff_id);

-- Append-only: the trigger below refuses UPDATE and DELETE.
create table audit_log (
  id             bigint generated always as identity primary key,
  at             timestamptz not null default now(),
  staff_id       bigint references staff_users (id),
  actor          text not null,
  action         text not null,
  statement_id   bigint references statements (id) on delete set null,
  endorsement_id bigint references endorsements (id) on delete set null,
  details        jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_statement_idx on audit_log (statement_id, at desc);
create index audit_log_endorsement_idx on audit_log (endorsement_id, at desc);
create index audit_log_staff_idx on audit_log (staff_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  -- A statement or endorsement deleted elsewhere may null its reference; nothing else may change.
  if tg_op = 'UPDATE'
     and new.id = old.id and new.at = old.at and new.staff_id is not distinct from old.staff_id
     and new.actor = old.actor and new.action = old.action and new.details = old.details then
    return new;
  end if;
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();

-- Fixed-window counters shared by every process.
create table rate_limits (
  key          text not null,
  window_start timestamptz not null,
  count        integer not null default 0,
  primary key (key, window_start)
);
create index rate_limits_window_idx on rate_limits (window_start);

create table settings (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);
