import { MATCH_REASONS } from '../../domain/person-match.ts';
import { DETENTION_STATUSES } from '../../domain/register/vocabulary.ts';
import { intlTag } from '../../i18n/locales.ts';
import { translator, type Translate } from '../../i18n/translate.ts';
import type { ReviewQueue, ReviewSide } from '../../importers/list/list-match-reviews.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';

/** Reasons the import adds to the matcher's own. */
const IMPORT_REASONS = ['same_record', 'several_same'];

/** The catalogue's words for a reason code (the code itself for one it does not know). */
function reasonText(t: Translate, code: string): string {
  return [...MATCH_REASONS, ...IMPORT_REASONS].includes(code) ? t(`registerReview.reason.${code}`) : code;
}

function sideView(t: Translate, s: ReviewSide) {
  const unknown = t('registerReview.unknown');
  return {
    names: s.names,
    sex: s.sex ? t(`registerReview.sex.${s.sex}`) : unknown,
    birthYear: s.birthYear === null ? unknown : String(s.birthYear),
    occupation: s.occupation ?? unknown,
    homePlace: s.homePlace ?? unknown,
    arrests: s.arrests.map((a) => ({
      on: a.on,
      place: a.place === undefined ? null : (a.place ?? unknown),
      status: (DETENTION_STATUSES as readonly string[]).includes(a.status) ? t(`registerReview.status.${a.status}`) : a.status,
    })),
  };
}

/** The review queue page: each likely match side by side with its reasons and the two decisions. */
export function reviewsView(language: PageLanguage, queue: ReviewQueue, input: { csrf: string; error: string | null; notice: string | null }) {
  const t = translator(language.lang);
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  const list = new Intl.ListFormat(intlTag(language.lang), { type: 'unit' });
  return {
    csrf: input.csrf,
    error: input.error,
    notice: input.notice,
    total: queue.total,
    items: queue.items.map((r) => ({
      id: r.id,
      action: siteHref(language, `/staff/register/reviews/${r.id}`),
      from: t('registerReview.from', { file: r.fileName, row: r.row }),
      score: t('registerReview.score', { score: r.score }),
      reasons: list.format(r.reasons.map((c) => reasonText(t, c))),
      incoming: sideView(t, r.incoming),
      candidate: sideView(t, r.candidate),
      version: r.candidate.version,
    })),
    pageLabel: t('registerReview.page', { page: queue.page, pages }),
    previous: queue.page > 1 ? siteHref(language, '/staff/register/reviews', { page: queue.page - 1 }) : null,
    next: queue.page < pages ? siteHref(language, '/staff/register/reviews', { page: queue.page + 1 }) : null,
    importsHref: siteHref(language, '/staff/register/imports'),
  };
}
