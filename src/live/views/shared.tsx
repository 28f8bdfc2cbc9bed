import type { OrgType } from '../../db/database.js';
import { ORG_TYPES } from '../../db/database.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import type { PublicItem } from '../signatories.js';

/** The organisation type in plain words, in the reader's language. */
export function typeLabel(i18n: I18n, type: OrgType): string {
  return i18n.t(`live.type.${type}` as MessageKey);
}

export function typeLabels(i18n: I18n): Record<OrgType, string> {
  return Object.fromEntries(ORG_TYPES.map((t) => [t, typeLabel(i18n, t)])) as Record<OrgType, string>;
}

const collators = new Map<string, Intl.Collator>();

/** Country codes ordered by their name in the reader's language ("Allemagne" before "France"). */
export function countryOrder(i18n: I18n, codes: Iterable<string>): string[] {
  let collator = collators.get(i18n.locale);
  if (!collator) {
    collators.set(i18n.locale, (collator = new Intl.Collator(i18n.locale, { sensitivity: 'base' })));
  }
  const c = collator;
  return [...codes].sort((a, b) => c.compare(i18n.country(a), i18n.country(b)));
}

/** The name, linked to the organisation's own site when it gave one (never endorsed by us: nofollow ugc). */
export function SignatoryName(props: { item: PublicItem }) {
  const { item } = props;
  return item.website ? (
    <a href={item.website} rel="nofollow ugc noopener">
      {item.name}
    </a>
  ) : (
    <span class="name">{item.name}</span>
  );
}

/** The mark of an organisation that endorsed an earlier version (README "Amending a statement"); live.js draws the same. */
export function EarlierVersion(props: { i18n: I18n; item: PublicItem }) {
  return props.item.currentVersion ? null : (
    <span class="earlier-version">{` · ${props.i18n.t('live.earlierVersion')}`}</span>
  );
}

/** Consecutive runs of items sharing a key (the list arrives sorted by it). */
export function groupBy<T>(items: T[], key: (x: T) => string): Array<[string, T[]]> {
  const groups: Array<[string, T[]]> = [];
  for (const item of items) {
    const k = key(item);
    const last = groups[groups.length - 1];
    if (last && last[0] === k) {
      last[1].push(item);
    } else {
      groups.push([k, [item]]);
    }
  }
  return groups;
}

/** hono/jsx renders to a string (possibly through promises): cached fragments are plain strings. */
export async function renderToString(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}
