import { recordOfRow, type PublicRow } from '../db/repositories/public-repository.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { FACETS, type FacetCounts } from '../search/public-catalogue.ts';
import { presentPublicRecord } from './communication-presenter.ts';

/**
 * What the public search lets out: rows of the public database (which holds public records only) and the
 * counts of its facets, with names in the reader's language.
 */

/** A result row: the record's list fields, with the number of replies. */
export function presentPublicRow(row: PublicRow, ref: ReferenceData, lang = 'en') {
  const r = presentPublicRecord(recordOfRow(row), ref, lang);
  return {
    reference: r.reference,
    slug: r.slug,
    type: r.type,
    displayType: r.displayType,
    joint: r.joint,
    addressee: r.addressee,
    mandates: r.mandates,
    sentDate: r.sentDate,
    language: r.language,
    subject: r.subject,
    summary: r.summary,
    replyStatus: r.replyStatus,
    replies: r.replies.length,
    firstReplyOn: r.firstReplyOn,
    synthetic: r.synthetic,
  };
}

/** A result row as presented. */
export type PublicResultRow = ReturnType<typeof presentPublicRow>;

/** A facet value with its count and, for States and mandates, its name in the reader's language. */
export interface FacetValue {
  value: string;
  count: number;
  label?: string;
}

/** Every facet's values: States and mandates named, years and sessions in their own order. */
export function presentFacets(counts: FacetCounts, ref: ReferenceData, lang = 'en'): Record<(typeof FACETS)[number], FacetValue[]> {
  const named = (values: FacetCounts[keyof FacetCounts], name: (v: string) => string | undefined) =>
    values.map((v) => ({ value: v.value, count: v.count, label: name(v.value) ?? v.value }));
  const descending = (values: FacetCounts[keyof FacetCounts]) => [...values].sort((a, b) => Number(b.value) - Number(a.value)).map((v) => ({ ...v }));
  return {
    addressee: named(counts.addressee, (id) => ref.addresseeName(id, lang)).map((v) => ({ ...v, value: ref.addressee(v.value)?.code === 'OTH' ? v.value : (ref.addressee(v.value)?.code ?? v.value) })),
    mandate: named(counts.mandate, (slug) => ref.mandateTitle(slug, lang)),
    type: counts.type.map((v) => ({ ...v })),
    joint: counts.joint.map((v) => ({ ...v })),
    year: descending(counts.year),
    reply: counts.reply.map((v) => ({ ...v })),
    session: descending(counts.session),
  };
}
