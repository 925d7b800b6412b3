import type { FastifyRequest } from 'fastify';
import { pathLanguage } from '../http/language-prefix.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { translator } from '../i18n/translate.ts';
import { roleOf } from '../policies/principal.ts';
import type { PageShell } from './render-page.ts';
import { pageShell, siteHref, type PageLanguage, type SiteOptions } from './view-models.ts';

/** The places each role works in, in the header's order: `[href, message key]`. */
const NAV: Record<string, Array<[string, string]>> = {
  case_officer: [
    ['/staff', 'nav.workspace'],
    ['/staff/submissions', 'nav.submissions'],
    ['/staff/drafts', 'nav.drafts'],
    ['/staff/deadlines', 'nav.deadlines'],
    ['/staff/register', 'nav.register'],
    ['/staff/inquiries', 'nav.inquiries'],
    ['/staff/search', 'nav.search'],
  ],
  mandate_holder: [
    ['/staff', 'nav.workspace'],
    ['/staff/drafts', 'nav.drafts'],
    ['/staff/register', 'nav.register'],
  ],
  admin: [
    ['/admin/accounts', 'nav.accounts'],
  ],
  focal_point: [
    ['/government', 'nav.government'],
  ],
};

/** Where a role lands after signing in. */
export function homeOfRole(role: string): string {
  return NAV[role]?.[0]?.[0] ?? '/';
}

/**
 * The language of a signed-in person's pages: the path prefix (`/fr/staff`) or `?lang=` if given (then
 * links keep it), else the account's own.
 */
export function accountLanguage(request: FastifyRequest): PageLanguage {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = pathLanguage(request) ?? (typeof query?.lang === 'string' && isLocale(query.lang) ? query.lang : undefined);
  const own = request.session?.language;
  const lang: Locale = asked ?? (own && isLocale(own) ? own : 'en');
  return { lang, explicit: asked !== undefined };
}

/**
 * The layout data of a page of the signed-in workspace: the role's navigation, who is signed in, and the
 * sign-out form with its CSRF token. `here` is the page's own path (marked current in the navigation).
 */
export function accountShell(request: FastifyRequest, title: string, here: string, site: SiteOptions): PageShell {
  const language = accountLanguage(request);
  const shell = pageShell(language, title, { path: here }, null, { ...site, demo: site.demo === true || request.session?.demo === true });
  const t = translator(language.lang);
  const role = roleOf(request.principal);
  const links = (NAV[role] ?? []).map(([href, key]) => ({ href: siteHref(language, href), label: t(key), current: href === here }));
  shell.homeHref = siteHref(language, homeOfRole(role));
  shell.alternates = null;
  shell.account = { name: request.principal.name, roleLabel: t(`role.${role}`), csrf: request.csrfToken(), signOutAction: siteHref(language, '/sign-out'), links };
  return shell;
}
