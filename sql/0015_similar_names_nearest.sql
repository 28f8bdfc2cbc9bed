-- Similar names in the verification queue (src/staff/queue-similar.ts), each lookup bounded by an
-- index that leads with the item's statement and country, so it stops after a few rows however many
-- endorsements share the organisation, the name or its look.
--
-- Same organisation, same name, acronym: (statement, country, key, id), walked in id order. The
-- indexes of 0006 started with the key alone: a thousand confirmed endorsements under one
-- organisation or name (anywhere) were read for every queue item, then narrowed.
drop index if exists endorsements_similar_org_idx;
drop index if exists endorsements_similar_key_idx;
drop index if exists endorsements_similar_initials_idx;
create index endorsements_similar_org_idx
  on endorsements (statement_id, country, organisation_id, id)
  where status in ('confirmed', 'verified');
create index endorsements_similar_key_idx
  on endorsements (statement_id, country, (replace(name_key, ' ', '')), id)
  where status in ('confirmed', 'verified');
create index endorsements_similar_initials_idx
  on endorsements (statement_id, country, name_initials, id)
  where status in ('confirmed', 'verified');

-- Close spellings: the nearest names of the item's own statement and country, walked in order of
-- likeness through one GiST index that leads with the statement and country, and stopped after a few. The GIN index of 0006 answered "every
-- name at least 30% alike in every statement", then sorted: a list of 10,000 look-alike names (or
-- a large statement elsewhere) made that thousands of rows per queue item.
--
-- btree_gist lets the index hold the statement and country beside the trigrams. A 32-byte trigram
-- signature (the default is 12) tells look-alike names apart sooner: the walk for 50 queue items
-- over 5,000 names alike took 85 ms with 12 bytes and 47 ms with 32 (PostgreSQL 15). Both extensions are
-- trusted (PostgreSQL 13+) and PGlite ships both. Where either is missing, the migration goes on
-- and the queue uses its bounded fallback (README "Security").
do $$
begin
  create extension if not exists btree_gist;
exception when others then
  raise notice 'btree_gist unavailable (%); similar names use the bounded fallback', sqlerrm;
end $$;

drop index if exists endorsements_similar_trgm_idx;

do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm')
     and exists (select 1 from pg_extension where extname = 'btree_gist') then
    create index endorsements_similar_nearest_idx
      on endorsements using gist (statement_id, country, name_key gist_trgm_ops(siglen = 32))
      where status in ('confirmed', 'verified');
  end if;
exception when others then
  raise notice 'no nearest-name index (%); similar names use the bounded fallback', sqlerrm;
end $$;
