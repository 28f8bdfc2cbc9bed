-- Live counts (src/live/counts.ts): one aggregate per statement over every endorsement that was
-- ever public, including withdrawn tombstones (they move `updatedAt`). Without this index that
-- query would read the whole endorsements table once a second during a burst.
create index endorsements_listed_idx
  on endorsements (statement_id, country, org_type)
  where published_at is not null;
