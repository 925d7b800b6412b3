import type { Kysely } from 'kysely';
import { publicPages } from '../db/repositories/public-dump-repository.ts';
import type { Database } from '../db/schema.ts';
import { escapeXml } from '../web/escape-markup.ts';
import { communicationPath } from '../web/view-models.ts';

/**
 * The sitemap of the public site (sitemaps.org protocol): the site's own pages and the page of every
 * published communication. A sitemap holds at most 50,000 addresses, so the communications come in parts
 * of {@link SITEMAP_PART_SIZE}; while one part holds them all, `/sitemap.xml` is that part, beyond it is an
 * index of the parts.
 */

/** Communications per part (the site's pages come on top of the first part, well under the 50,000 limit). */
export const SITEMAP_PART_SIZE = 45_000;
/** Rows read from the database at a time while writing a part. */
const READ_SIZE = 5_000;

const URLSET_OPEN = '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';

function url(loc: string, lastmod?: string): string {
  return `  <url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>\n`;
}

/** The number of parts the communications take (at least one: the site's pages). */
export function sitemapParts(publicCount: number): number {
  return Math.max(1, Math.ceil(publicCount / SITEMAP_PART_SIZE));
}

/**
 * One part of the sitemap (numbered from 1), a chunk per read: the site's pages first in part 1, then the
 * communications of the part in the order they were published.
 */
export async function* sitemapPart(db: Kysely<Database>, origin: string, part: number, sitePages: readonly string[]): AsyncGenerator<string> {
  yield URLSET_OPEN + (part === 1 ? sitePages.map((p) => url(`${origin}${p}`)).join('') : '');
  const end = part * SITEMAP_PART_SIZE;
  for (let offset = (part - 1) * SITEMAP_PART_SIZE; offset < end; offset += READ_SIZE) {
    const rows = await publicPages(db, offset, Math.min(READ_SIZE, end - offset));
    if (rows.length > 0) yield rows.map((r) => url(`${origin}${communicationPath(r.slug)}`, r.changedAt.slice(0, 10))).join('');
    if (rows.length < READ_SIZE) break;
  }
  yield '</urlset>\n';
}

/** The sitemap index of the parts, for a public database larger than one part. */
export function sitemapIndex(origin: string, parts: number): string {
  const entries = Array.from({ length: parts }, (_, i) => `  <sitemap><loc>${escapeXml(`${origin}/sitemaps/${i + 1}.xml`)}</loc></sitemap>\n`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`;
}

/** `robots.txt`: everything public may be crawled, except the signed-in areas and the large downloads. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /staff',
    'Disallow: /admin',
    'Disallow: /government',
    'Disallow: /account',
    'Disallow: /sign-in',
    'Disallow: /follow',
    'Disallow: /api/v1/export',
    'Disallow: /api/v1/dump',
    'Allow: /',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
