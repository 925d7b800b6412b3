import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { PublicationPeriods } from '../domain/publication.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteHref } from './view-models.ts';

/** The templates' folder, found from this file so that the working directory does not matter. */
const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/**
 * The one template engine of the pages. `<%= %>` escapes (`& < > " '`), so text from records can never
 * become markup; templates use `<%~ %>` (raw) only for the layout's body, which is itself escaped output.
 * Compiled templates are cached.
 */
const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: true, cache: true, autoTrim: [false, 'nl'] });

/** A language offered by the header's switcher, with the link to this page in that language. */
export interface LanguageLink {
  code: Locale;
  nativeName: string;
  href: string;
  current: boolean;
}

/** What the layout needs on every page: language, direction, the translator and the header's links. */
export interface PageShell {
  lang: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** Builds a link of the site in the page's language (under its prefix when the page has one). */
  href: SiteHref;
  /** The document's title (the site's name is appended by the layout). */
  title: string;
  homeHref: string;
  apiHref: string;
  languages: LanguageLink[];
  /** `<link rel="alternate" hreflang>` of the page in each language and `x-default`; null where pointless. */
  alternates: Array<{ hreflang: string; href: string }> | null;
  /** Which navigation entry is the current page, if any. */
  current: 'communications' | 'statistics' | 'reports' | null;
  /** Demo mode: every page says that the data are a demonstration. */
  demo: boolean;
  /** The publication periods the footer states. */
  publication: PublicationPeriods;
  /** The signed-in account's navigation and sign-out form; null on public pages and for visitors. */
  account: AccountNav | null;
}

/** What the header shows to a signed-in person: who, in which role, where they can go, and sign-out. */
export interface AccountNav {
  name: string;
  roleLabel: string;
  /** The CSRF token of the sign-out form. */
  csrf: string;
  /** Where the sign-out form posts, in the page's language. */
  signOutAction: string;
  links: Array<{ href: string; label: string; current: boolean }>;
}

/**
 * The stylesheet, read once: served at `/static/app.css`, linked with a `?v=` digest of its content so that
 * it can be cached for a year and still change with each release.
 */
export const STYLESHEET = (() => {
  const body = readFileSync(new URL('./static/app.css', import.meta.url));
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, path: '/static/app.css', href: `/static/app.css?v=${version}` };
})();

/**
 * Renders a page template (`home`, `communication`, `error`) inside the layout. `data` is the page's own
 * view model; everything in it is escaped on output.
 *
 * @example renderPage('error', shell, { status: 404, heading: '…', message: '…' })
 */
export function renderPage(template: string, shell: PageShell, data: object): string {
  return eta.render(template, { shell, stylesheet: STYLESHEET.href, page: data });
}
