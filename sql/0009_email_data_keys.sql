-- Email data keys are camelCase, one convention for every message (README.md "Email"). Mail queued
-- before the upgrade (queued, or being sent) still carries the old snake_case keys of the endorsement
-- emails: rename them, so it renders with the new templates. The "you confirmed" receipt carried its
-- next step as a finished sentence; it now carries `listed` (its statement publishes on confirmation)
-- and the template picks the sentence. Sent and failed rows are history and stay as they were.
update email_outbox o
set data = (o.data - array['title', 'statement_url', 'confirm_url', 'withdraw_url', 'valid_for', 'expires_at', 'next_step'])
  || jsonb_strip_nulls(jsonb_build_object(
    'statementTitle', o.data -> 'title',
    'statementUrl', o.data -> 'statement_url',
    'confirmUrl', o.data -> 'confirm_url',
    'withdrawUrl', o.data -> 'withdraw_url',
    'validFor', o.data -> 'valid_for',
    'expiresAt', o.data -> 'expires_at',
    'listed', case when o.data ? 'next_step' then to_jsonb(coalesce(
      (select s.publish_on = 'confirmed'
         from endorsements e join statements s on s.id = e.statement_id
        where e.id = o.endorsement_id),
      false)) end))
where o.status in ('queued', 'sending')
  and o.data ?| array['title', 'statement_url', 'confirm_url', 'withdraw_url', 'valid_for', 'expires_at', 'next_step'];
