-- Launching a statement (README.md "Launching a statement").
-- Embargo: while launch_at is set and launched_at is not, the statement's public list is empty in
-- every view; launched_at records the moment it went public (at launch_at, or "Launch now").
alter table statements
  add column launch_at timestamptz,
  add column launched_at timestamptz;

-- Initiators are listed first under "Initiated by". Endorsements entered by staff say how they came
-- (source: letter, email, meeting, phone, other; null = the public form), the evidence, and who.
alter table endorsements
  add column initiator boolean not null default false,
  add column source text check (source in ('letter', 'email', 'meeting', 'phone', 'other')),
  add column evidence text,
  add column entered_by bigint references staff_users (id) on delete set null;
