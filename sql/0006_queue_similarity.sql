-- Similar names in the verification queue (src/staff/queue-similar.ts), found through indexes and
-- compared only with endorsements that are confirmed or public: pending submissions (a flood of
-- them costs an attacker nothing) and withdrawn or rejected ones never enter these indexes.

-- pg_trgm is a trusted extension (PostgreSQL 13+) and PGlite ships it. Where it cannot be created
-- (no privilege, not installed) the migration goes on and the queue uses its bounded fallback.
do $$
begin
  create extension if not exists pg_trgm;
exception when others then
  raise notice 'pg_trgm unavailable (%); similar names use the bounded fallback', sqlerrm;
end $$;

-- The name as compared: like normaliseOrgName() in src/endorsements/organisations.ts (compatibility
-- decomposition, accents dropped, lower case, punctuation and spaces folded to one space).
create function org_name_key(name text) returns text
  language plpgsql immutable strict parallel safe
  as $$
begin
  return btrim(regexp_replace(
    lower(regexp_replace(normalize(name, NFKD),
      '[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+',
      '', 'g')),
    '[[:space:][:punct:][:cntrl:]]+', ' ', 'g'));
end
$$;

-- The initials of a name of several words, without small words ("confederation generale du
-- travail" → "cgt"); null for a single word. Like initials() in src/staff/similarity.ts. Its own
-- search_path: maintenance commands run functions with a safe one that would not find org_name_key.
create function org_name_initials(name text) returns text
  language sql immutable strict parallel safe
  set search_path from current
  as $$
    select case when position(' ' in k) = 0 then null else (
      select string_agg(left(w, 1), '' order by n)
      from regexp_split_to_table(k, ' ') with ordinality as t(w, n)
      where w <> '' and w <> all (array['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'of', 'the',
        'and', 'et', 'for', 'pour', 'y', 'e', 'del', 'der', 'die', 'und', 'da', 'do', 'dos', 'das'])
    ) end
    from (select org_name_key(name) as k) as key
  $$;

-- Each confirmed or public endorsement's name key and initials, computed when it is written (null
-- while pending, withdrawn or rejected, so a flood of submissions costs nothing here).
alter table endorsements
  add column name_key text generated always as (
    case when status in ('confirmed', 'verified') then org_name_key(display_name) end) stored,
  add column name_initials text generated always as (
    case when status in ('confirmed', 'verified') then org_name_initials(display_name) end) stored;

-- Lookups by organisation, by the name without spaces ("C.G.T-F.O" = "CGT FO") and by acronym
-- lead with it, so a plan never walks a statement's
-- list nor a pile of pending rows to find them (tables may lack statistics: PGlite has no autovacuum).
create index endorsements_similar_org_idx
  on endorsements (organisation_id)
  where status in ('confirmed', 'verified');
create index endorsements_similar_key_idx
  on endorsements ((replace(name_key, ' ', '')))
  where status in ('confirmed', 'verified');
create index endorsements_similar_initials_idx
  on endorsements (name_initials)
  where status in ('confirmed', 'verified');
-- Without pg_trgm: the most recent of a statement and country.
create index endorsements_similar_recent_idx
  on endorsements (statement_id, country, id)
  where status in ('confirmed', 'verified');
-- The same organisation on other statements (decided or confirmed), likewise.
create index endorsements_org_seen_idx
  on endorsements (organisation_id, created_at)
  where status <> 'pending';

-- Close spellings, where pg_trgm exists.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    -- fastupdate off: with it, new entries wait in a list every lookup reads in full until a
    -- vacuum, and PGlite never vacuums by itself.
    create index endorsements_similar_trgm_idx
      on endorsements using gin (name_key gin_trgm_ops) with (fastupdate = off)
      where status in ('confirmed', 'verified');
  end if;
exception when others then
  raise notice 'no trigram index (%); similar names use the bounded fallback', sqlerrm;
end $$;
