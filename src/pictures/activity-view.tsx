import { raw } from 'hono/html';
import type { I18n } from '../i18n/i18n.js';
import { ACTIVITY_DAYS, type ActivityDay } from './activity.js';
import { shortDate } from './growth-svg.js';
import { esc } from './svg.js';

/** Received, confirmed, made public: three tones of one hue, told apart in greyscale too, and the key says which. */
const SERIES = [
  ['received', '#c9c9d6'],
  ['confirmed', '#7a8cc4'],
  ['published', '#1f3a8a'],
] as const;

const W = 560;
const H = 150;

/** Grouped bars, one group per day: a glance at how a statement is doing this month. */
function activitySvg(i18n: I18n, days: readonly ActivityDay[]): string {
  const max = Math.max(1, ...days.flatMap((d) => [d.received, d.confirmed, d.published]));
  const left = 34;
  const bottom = 22;
  const ph = H - bottom - 16;
  const slot = (W - left - 4) / days.length;
  const bar = Math.max(1, (slot - 2) / 3);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" direction="ltr" role="img" aria-label="${esc(i18n.t('staff.activity.chart', { days: ACTIVITY_DAYS }))}" font-size="12" font-family="sans-serif">`,
    `<path d="M${left} ${16 + ph}H${W - 4}" stroke="#5a5a66"/>`,
    `<text x="${left - 6}" y="20" text-anchor="end" fill="#5a5a66">${esc(i18n.number(max))}</text>`,
    `<text x="${left - 6}" y="${16 + ph}" text-anchor="end" fill="#5a5a66">${esc(i18n.number(0))}</text>`,
  ];
  days.forEach((d, i) => {
    SERIES.forEach(([key, fill], k) => {
      const v = d[key];
      if (v > 0) {
        const h = (v / max) * ph;
        const x = left + i * slot + 1 + k * bar;
        out.push(
          `<rect x="${x.toFixed(1)}" y="${(16 + ph - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"/>`,
        );
      }
    });
  });
  const first = days[0];
  const last = days[days.length - 1];
  if (first && last) {
    out.push(`<text x="${left}" y="${H - 4}" fill="#5a5a66">${esc(shortDate(i18n, first.day))}</text>`);
    out.push(
      `<text x="${W - 4}" y="${H - 4}" text-anchor="end" fill="#5a5a66">${esc(shortDate(i18n, last.day))}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * On the staff dashboard, under each statement: endorsements received (pending), confirmed and
 * made public per day over the last month, as bars and as a table for exact numbers.
 */
export function ActivityBlock(props: { i18n: I18n; days: ActivityDay[] | undefined }) {
  const { i18n } = props;
  const t = i18n.t;
  const days = props.days;
  if (!days) {
    return <p class="muted">{t('staff.activity.none', { days: ACTIVITY_DAYS })}</p>;
  }
  const label = {
    received: t('staff.activity.received'),
    confirmed: t('staff.activity.confirmed'),
    published: t('staff.activity.public'),
  };
  return (
    <div class="activity">
      <p class="muted">{t('staff.activity.heading', { days: ACTIVITY_DAYS })}</p>
      {raw(activitySvg(i18n, days))}
      <ul class="activity-key">
        {SERIES.map(([key, fill]) => (
          <li>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" fill={fill} />
            </svg>{' '}
            {label[key]}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('staff.activity.table')}</summary>
        <p class="muted">{t('staff.activity.note')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.activity.day')}</th>
                <th scope="col">{label.received}</th>
                <th scope="col">{label.confirmed}</th>
                <th scope="col">{label.published}</th>
              </tr>
            </thead>
            <tbody>
              {[...days]
                .reverse()
                .filter((d) => d.received || d.confirmed || d.published)
                .map((d) => (
                  <tr>
                    <th scope="row">{shortDate(i18n, d.day)}</th>
                    <td>{i18n.number(d.received)}</td>
                    <td>{i18n.number(d.confirmed)}</td>
                    <td>{i18n.number(d.published)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
