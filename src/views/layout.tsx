import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { I18n } from '../i18n/i18n.js';
import { LOCALES } from '../i18n/i18n.js';
import { assetUrl } from '../http/assets.js';
import { sameSitePath } from '../http/safe-path.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical URL, when the page has one. */
  canonical?: string;
  /** Open Graph / Twitter card extras. */
  og?: Record<string, string>;
  /** hreflang alternates: locale → absolute URL. */
  alternates?: Record<string, string>;
  /** Languages offered in the switcher (defaults to every interface language). */
  languages?: readonly string[];
  /** Current path, so the switcher keeps the reader on the same page. */
  path: string;
  robots?: string;
}

/** The page shell: language and direction, skip link, header with language switcher, footer. */
export function Layout(props: { i18n: I18n; meta: PageMeta; children: Child; scripts?: string[] }) {
  const { i18n, meta } = props;
  const t = i18n.t;
  const languages = meta.languages ?? LOCALES;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={i18n.locale} dir={i18n.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{meta.title === t('site.name') ? meta.title : `${meta.title} · ${t('site.name')}`}</title>
          {meta.description ? <meta name="description" content={meta.description} /> : null}
          {meta.robots ? <meta name="robots" content={meta.robots} /> : null}
          {meta.canonical ? <link rel="canonical" href={meta.canonical} /> : null}
          {Object.entries(meta.alternates ?? {}).map(([lang, href]) => (
            <link rel="alternate" hreflang={lang} href={href} />
          ))}
          {Object.entries(meta.og ?? {}).map(([property, content]) =>
            property.startsWith('twitter:') ? (
              <meta name={property} content={content} />
            ) : (
              <meta property={property} content={content} />
            ),
          )}
          <link rel="stylesheet" href={assetUrl('style.css')} />
          {(props.scripts ?? []).map((src) => (
            <script src={src} defer />
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site-header">
            <a class="brand" href="/">
              {t('site.name')}
            </a>
            {languages.length > 1 ? (
              <LanguageSwitcher i18n={i18n} path={meta.path} languages={languages} />
            ) : null}
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
          <footer class="site-footer">
            <p>{t('footer.about')}</p>
            <p>
              <a href="/privacy">{t('footer.privacy')}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

function LanguageSwitcher(props: { i18n: I18n; path: string; languages: readonly string[] }) {
  const { i18n } = props;
  // The path may come from the request (error pages): only ever a link on this site.
  const path = sameSitePath(props.path);
  return (
    <nav class="languages" aria-label={i18n.t('nav.language')}>
      <ul>
        {props.languages.map((code) => (
          <li>
            <a
              href={`/lang/${code}?next=${encodeURIComponent(path)}`}
              hreflang={code}
              lang={code}
              aria-current={code === i18n.locale ? 'true' : undefined}
            >
              {i18n.nativeLanguageName(code)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
