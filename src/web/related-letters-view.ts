import { formatDate } from '../i18n/translate.ts';
import type { RelatedLetter } from '../presenters/communication-presenter.ts';
import { communicationPath, siteHref, type PageLanguage } from './view-models.ts';

/**
 * The communication page's "related letters (same events)" list: each other published letter about an
 * event of this one, linked in the page's language, with its date written as the language writes dates and
 * its public subject.
 */
export function relatedLettersView(language: PageLanguage, letters: readonly RelatedLetter[]) {
  return letters.map((l) => ({
    reference: l.reference,
    href: siteHref(language, communicationPath(l.slug)),
    date: { iso: l.sentDate, text: formatDate(language.lang, l.sentDate) },
    subject: l.subject,
  }));
}
