-- The reminder a staff member may ask for on their account page (README "Verifying endorsements"):
-- an email when endorsements have waited longer than this many hours for a decision, at most once
-- per that period, in the language they chose it in.
alter table staff_users
  add column digest_after_hours integer check (digest_after_hours in (12, 24, 48, 72)),
  add column digest_locale text,
  add column digest_sent_at timestamptz;
