import { csvDocument } from '../views/csv.js';
import type { PublicItem } from './signatories.js';

export const CSV_COLUMNS = [
  'id',
  'name',
  'type',
  'country',
  'city',
  'website',
  'members',
  'publishedAt',
  'initiator',
  'version',
  'currentVersion',
] as const;

/** The public list as CSV: the public fields only, in publication order. */
export function signatoriesCsv(items: PublicItem[]): string {
  return csvDocument(
    CSV_COLUMNS,
    items.map((i) => [
      i.id,
      i.name,
      i.type,
      i.country,
      i.city,
      i.website,
      i.members,
      i.publishedAt,
      i.initiator,
      i.version,
      i.currentVersion,
    ]),
  );
}
