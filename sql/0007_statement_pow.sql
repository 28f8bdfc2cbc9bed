-- Proof-of-work switched on by itself (README "Security"): when a statement's ceiling of submissions
-- is reached, its form asks every sender for a few seconds of browser work until this moment,
-- instead of refusing everyone. Kept on the statement so every process sees it at once.
alter table statements add column pow_required_until timestamptz;
