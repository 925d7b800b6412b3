import { recordOfRow, type PublicRow } from '../db/repositories/public-repository.ts';
import type { PublicRecord } from '../presenters/communication-presenter.ts';
import { translator } from '../i18n/translate.ts';
import { escapeXml } from '../web/escape-markup.ts';
import { communicationPath, siteHref, type PageLanguage } from '../web/view-models.ts';
import { DATA_LICENCE } from '../api/data-licence.ts';

/** How many entries the feed holds: the communications whose public record changed last. */
export const FEED_SIZE = 50;

/** What the change that put a communication in the feed was. */
export type FeedChange = 'published' | 'corrected' | 'updated';

/**
 * The change a public row's last change time stands for: its publication or a correction (the public
 * history entry of that instant), else its publication when that is when it changed, else another change of
 * its public record (a reply received).
 */
export function feedChangeOf(row: Pick<PublicRow, 'changed_at' | 'published_at'>, record: Pick<PublicRecord, 'history'>): FeedChange {
  const entry = record.history.findLast((h) => h.at === row.changed_at);
  if (entry?.action === 'correct') return 'corrected';
  if (entry?.action === 'publish' || row.changed_at === row.published_at) return 'published';
  return 'updated';
}

/** A language tag for `xml:lang`: a record's language as stored, or nothing when it is not a plain tag. */
function xmlLang(tag: string): string {
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? ` xml:lang="${tag}"` : '';
}

/** What the feed is built from. */
export interface FeedInput {
  /** The site's absolute origin, `https://example.org`. */
  origin: string;
  /** The feed's language: its texts, the names, and the language of the pages it links to. */
  language: PageLanguage;
  /** The rows, last changed first. */
  rows: readonly PublicRow[];
  /** The instant of the feed when it has no entry. */
  now: string;
}

/**
 * The Atom 1.0 feed of newly published and corrected communications: one entry per communication, its id
 * the address of its page (a correction updates the entry: same id, later `updated`), its title the
 * reference and subject, its summary the public summary, a category saying what changed. Every text is
 * escaped; characters XML cannot hold are dropped.
 */
export function atomFeed(input: FeedInput): string {
  const { origin, language, rows } = input;
  const t = translator(language.lang);
  const self = `${origin}${siteHref(language, '/feed.atom')}`;
  const updated = rows[0]?.changed_at ?? input.now;
  const entries = rows.map((row) => {
    const record = recordOfRow(row);
    const change = feedChangeOf(row, record);
    const href = `${origin}${siteHref(language, communicationPath(row.slug))}`;
    const id = `${origin}${communicationPath(row.slug)}`;
    return [
      '  <entry>',
      `    <id>${escapeXml(id)}</id>`,
      `    <title type="text"${xmlLang(record.language)}>${escapeXml(`${row.reference} — ${row.subject}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`,
      `    <updated>${escapeXml(row.changed_at)}</updated>`,
      `    <published>${escapeXml(row.published_at)}</published>`,
      `    <category term="${change}" label="${escapeXml(t(`api.feed.change.${change}`))}"/>`,
      `    <summary type="text"${xmlLang(record.language)}>${escapeXml(row.summary || row.subject)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language.lang}">`,
    `  <id>${escapeXml(self)}</id>`,
    `  <title type="text">${escapeXml(t('api.feed.title'))}</title>`,
    `  <subtitle type="text">${escapeXml(t('api.feed.subtitle'))}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}${siteHref(language, '/')}`)}"/>`,
    `  <link rel="license" href="${escapeXml(DATA_LICENCE.url)}"/>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <author><name>${escapeXml(t('site.name'))}</name></author>`,
    `  <rights type="text">${escapeXml(t('api.licence', { licence: DATA_LICENCE.name }))}</rights>`,
    `  <generator>${escapeXml(t('site.name'))}</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
