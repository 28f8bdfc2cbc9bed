-- Operations (README "Operating").
--
-- Mail held by a dead process is sent again at once, not after MAIL_LEASE_SECONDS: every mail worker
-- takes a number from this sequence, holds the session-level advisory lock (727401195, number) for
-- as long as it lives, and writes the number on the mails it claims. A 'sending' mail whose worker's
-- lock is free in pg_locks belongs to a dead process. Mail claimed before this migration (no number)
-- still waits for its lease.
create sequence mail_worker_ids as integer cycle;
alter table email_outbox add column claimed_by integer;
create index email_outbox_claims_idx on email_outbox (claimed_by) where status = 'sending';
