-- The combined verification queue (src/staff/queue-search.ts): confirmed endorsements of every
-- open statement, oldest first, walked through an index in that order and stopped at a page.
-- (One statement's queue uses endorsements_queue_idx; the unconfirmed list endorsements_pending_age_idx.)
create index endorsements_waiting_all_idx on endorsements (confirmed_at, id) where status = 'confirmed';
