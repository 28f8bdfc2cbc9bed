import type { I18n } from '../i18n/i18n.js';
import { assetUrl } from '../http/assets.js';
import { POW_CHALLENGE_FIELD, POW_NONCE_FIELD, type PowRequirement } from './pow.js';

/**
 * The proof-of-work part of the endorsement form: the signed challenge and the answer public/pow.js
 * fetches and fills in, a live status line, and — without JavaScript — why the form cannot be sent right now.
 * The submit button starts disabled; pow.js enables it once it can do the work.
 */
export function PowFields(props: { i18n: I18n; pow: PowRequirement }) {
  const t = props.i18n.t;
  return (
    <div class="pow">
      {props.pow.auto ? <p class="notice">{t('pow.auto')}</p> : null}
      {/* Filled by pow.js from GET /s/:slug/pow: the page itself is the same for every reader. */}
      <input type="hidden" name={POW_CHALLENGE_FIELD} value="" />
      <input type="hidden" name={POW_NONCE_FIELD} value="" />
      {/* Shown until pow.js runs (a <noscript> is not honoured everywhere JavaScript is off). */}
      <p class="notice warn" data-pow-noscript="">
        {t('pow.noscript')}
      </p>
      <p
        class="muted"
        aria-live="polite"
        data-pow-status=""
        data-ready={t('pow.ready')}
        data-working={t('pow.working', { percent: '{percent}' })}
        data-done={t('pow.done')}
        data-unsupported={t('pow.unsupported')}
      >
        {t('pow.loading')}
      </p>
      <script src={assetUrl('pow.js')} defer />
    </div>
  );
}
