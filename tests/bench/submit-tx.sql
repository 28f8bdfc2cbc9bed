-- pgbench mirror of src/endorsements/submit.ts for a new submission: the same statements, in the
-- same order, in one transaction (the two guards, organisation upsert, endorsement, the statement
-- title for the mail, the outbox row and its NOTIFY). Run with -D sid=<statement id>.
\set n random(1, 1000000000000)
BEGIN;
SELECT e.id FROM endorsements e JOIN organisations o ON o.id = e.organisation_id
 WHERE e.statement_id = :sid AND o.normalised_name = 'pgbench union ' || :client_id || ' ' || :n AND o.country = 'FR'
   AND e.published_at IS NOT NULL AND e.status IN ('confirmed', 'verified') LIMIT 1;
SELECT id, resend_count, display_name, email, locale FROM endorsements
 WHERE statement_id = :sid AND email_normalised = 'officer' || :client_id || '-' || :n || '@pgbench.example.org' AND status = 'pending' FOR UPDATE;
INSERT INTO organisations (normalised_name, country, name, created_at)
 VALUES ('pgbench union ' || :client_id || ' ' || :n, 'FR', 'PgBench Union ' || :client_id || ' ' || :n, now())
 ON CONFLICT (normalised_name, country) DO NOTHING RETURNING id \gset org_
INSERT INTO endorsements (statement_id, organisation_id, display_name, org_type, country, city, website, members,
                          contact_name, contact_role, email, email_normalised, comment, updates_opt_in, locale, status, ip_hash, created_at, updated_at)
 VALUES (:sid, :org_id, 'PgBench Union ' || :client_id || ' ' || :n, 'union', 'FR', 'Lyon', NULL, 1200,
         'Officer ' || :n, 'Secretary', 'officer' || :client_id || '-' || :n || '@pgbench.example.org',
         'officer' || :client_id || '-' || :n || '@pgbench.example.org', NULL, false, 'en', 'pending',
         'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg', now(), now()) RETURNING id \gset e_
SELECT locale, title, authoritative FROM statement_texts WHERE statement_id = :sid;
INSERT INTO email_outbox (template, locale, to_address, data, endorsement_id, next_attempt_at, created_at)
 VALUES ('confirm-endorsement', 'en', 'officer' || :client_id || '-' || :n || '@pgbench.example.org',
         '{"statementTitle":"Benchmark statement: solidarity across borders","organisation":"PgBench Union","statementUrl":"http://127.0.0.1/s/bench","confirmUrl":"http://127.0.0.1/confirm/eyJpZCI6MTIzNDUsInAiOiJjIiwiZSI6MTcwMDAwMDAwMDAwMH0.aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29y","validFor":"7 days","expiresAt":"1 January 2030 at 12:00 UTC"}',
         :e_id, now(), now()) RETURNING id;
SELECT pg_notify('undersigned_mail', '');
COMMIT;
