import type { Deps } from '../deps.js';
import type { Statement } from '../db/database.js';
import type { Counts } from '../live/counts.js';
import { loadPublicationDays, type DayCount } from './growth.js';

/** The numbers every picture of a statement is drawn from. */
export interface PictureData {
  counts: Counts;
  days: DayCount[];
}

/**
 * The one door through which the map, the growth chart and the share card (routes and page
 * figures alike) get a statement's numbers: both cached per count generation in the live hub. A
 * statement whose data must not be shown yet (an embargo before launch, README.md) is hidden by one
 * check here, returning empty numbers, and every picture follows.
 */
export async function pictureData(
  deps: Pick<Deps, 'db' | 'live'>,
  statement: Pick<Statement, 'id'>,
): Promise<PictureData> {
  const [counts, days] = await Promise.all([
    deps.live.counts(statement.id),
    deps.live.cached(statement.id, 'pictures:days', () => loadPublicationDays(deps.db, statement.id)),
  ]);
  return { counts, days };
}
