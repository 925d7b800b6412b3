import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { matchingSeqs, rowsBySeq, type PublicRow } from '../db/repositories/public-repository.ts';
import { isValidIsoDate } from '../domain/geneva-time.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_STATUSES } from '../domain/replies.ts';
import { FIRST_REPORTED_SESSION } from '../domain/sessions-calendar.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentPublicRow, presentFacets } from '../presenters/public-search-presenter.ts';
import { currentCatalogue, matchingRows, selectRows, type Catalogue, type FacetFilters } from '../search/public-catalogue.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery, toFts5, toTsquery } from '../search/search-query.ts';
import { resolveListFilters } from './resolve-list-filters.ts';

/** The largest page a search serves. */
export const SEARCH_MAX_LIMIT = 100;
/** The page size when none is asked for. */
export const SEARCH_DEFAULT_LIMIT = 20;
/** The furthest page number a link may ask for (deeper, use the cursor). */
export const SEARCH_MAX_PAGE = 5_000;
/** The orders of a result list. */
export const SEARCH_SORTS = ['newest', 'oldest'] as const;

/** An empty form field (`?year=`) means "no filter": HTML forms send every field, filled or not. */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const date = z.string().refine(isValidIsoDate, 'a calendar date written YYYY-MM-DD');

/**
 * The filters of the public search, as the site's form, its links, the JSON API and the exports send them
 * (query strings: every value a string). The one definition: the API's OpenAPI document is generated from
 * it. Unknown parameters (such as `lang`) are ignored; a parameter given twice is refused.
 */
export const publicSearchSchema = z
  .object({
    q: optional(z.string().max(MAX_QUERY_LENGTH)).describe('Words to find in the letters and replies: "a phrase", prefix*, -excluded, A OR B'),
    addressee: optional(z.string().trim().min(2).max(64)).describe('The State by its ISO 3166 alpha-3 code (KAZ), or a non-State addressee by its id'),
    mandate: optional(z.string().trim().min(1).max(64)).describe('A mandate by its slug (sr-torture)'),
    type: optional(z.enum(COMMUNICATION_TYPES)).describe('AL (allegation letter), UA (urgent appeal) or OL (other letter)'),
    joint: optional(z.enum(['true', 'false'])).describe('true: sent by several mandates; false: by one'),
    year: optional(z.coerce.number().int().min(1980).max(2999)).describe('The year of sending'),
    from: optional(date).describe('Sent on or after this date (YYYY-MM-DD)'),
    to: optional(date).describe('Sent on or before this date (YYYY-MM-DD)'),
    reply: optional(z.enum(REPLY_STATUSES)).describe('none, replied (within the 60 days) or replied_late'),
    session: optional(z.coerce.number().int().min(FIRST_REPORTED_SESSION).max(999)).describe('The Human Rights Council session whose communications report lists the letter'),
    sort: optional(z.enum(SEARCH_SORTS)).transform((v) => v ?? 'newest').describe('newest (default) or oldest first'),
    page: optional(z.coerce.number().int().min(1).max(SEARCH_MAX_PAGE)).describe('Page number (the site); the API also takes `cursor`'),
    cursor: optional(z.string().max(200).regex(/^[A-Za-z0-9_-]+$/)).describe('Where the next page starts, as `next` of the previous answer gave it'),
    limit: optional(z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT))
      .transform((v) => v ?? SEARCH_DEFAULT_LIMIT)
      .describe(`Results per page, at most ${SEARCH_MAX_LIMIT}`),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from is after to', path: ['from'] });

/** Validated search input. */
export type PublicSearchInput = z.output<typeof publicSearchSchema>;

/** A position in an ordered result list: the sort and the last row's key. */
interface Cursor {
  sort: (typeof SEARCH_SORTS)[number];
  sentAt: string;
  reference: string;
}

/** The cursor after a row, as opaque text (base64url of a small JSON). */
function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.sentAt, c.reference])).toString('base64url');
}

function decodeCursor(text: string, sort: Cursor['sort']): Cursor {
  const invalid = () => new AppError('CURSOR_INVALID', 'this cursor is not one this search gave', { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const shape = z.tuple([z.enum(SEARCH_SORTS), z.string().max(40), z.string().max(40)]).safeParse(parsed);
  if (!shape.success || shape.data[0] !== sort) throw invalid();
  return { sort: shape.data[0], sentAt: shape.data[1], reference: shape.data[2] };
}

/** The selection of a search: the rows of the catalogue, in order, and every facet's counts. */
export interface PublicSelection {
  catalogue: Catalogue;
  input: PublicSearchInput;
  /** The addressee filter as understood (a State's code, a non-State addressee's id). */
  addressee?: string;
  /** Row indexes of the catalogue in the order asked. */
  rows: Int32Array;
  counts: ReturnType<typeof selectRows>['counts'];
}

/**
 * Runs a search over the public database: the words through the full-text index, everything else through
 * the in-memory catalogue. Published communications only — the public database holds nothing else.
 * Errors: VALIDATION_FAILED (a value out of range, naming the field), QUERY_INVALID, MANDATE_UNKNOWN,
 * ADDRESSEE_UNKNOWN, CURSOR_INVALID.
 */
export async function selectPublic(ctx: AppContext, principal: Principal, raw: unknown): Promise<PublicSelection> {
  const input = parseSearchInput(raw);
  authorizeCommunication(principal, 'list_published');
  const { addressee, addresseeId, addresseeCode } = resolveListFilters(ctx, input);
  const query = parseSearchQuery(input.q);
  const catalogue = await currentCatalogue(ctx.store.db);
  const compiled = query && (ctx.store.dialect === 'sqlite' ? toFts5(query) : toTsquery(query));
  const candidates = compiled ? await matchingRows(catalogue, compiled, () => matchingSeqs(ctx.store, compiled)) : undefined;
  // Non-State addressees share the code OTH: `addressee=OTH` is all of them, an id one of them.
  const addresseeFilter = addresseeId ?? (addresseeCode === 'OTH' ? undefined : addresseeCode && ctx.ref.addressee(addresseeCode)?.id);
  const filters: FacetFilters = {
    addressee: addresseeFilter,
    mandate: input.mandate,
    type: input.type,
    joint: input.joint,
    year: input.year === undefined ? undefined : String(input.year),
    reply: input.reply,
    session: input.session === undefined ? undefined : String(input.session),
  };
  const selection = selectRows(catalogue, { candidates, from: input.from, to: input.to, filters });
  let rows = selection.rows;
  if (addresseeCode === 'OTH' && !addresseeId) {
    const others = new Set(ctx.ref.addressees().filter((a) => a.code === 'OTH').map((a) => a.id));
    rows = rows.filter((i) => others.has(catalogue.columns.addressee.values[catalogue.columns.addressee.of[i]!]!));
  }
  if (input.sort === 'oldest') rows = rows.slice().reverse();
  return { catalogue, input, addressee, rows, counts: selection.counts };
}

/** Parses the search input (VALIDATION_FAILED naming the first field at fault). */
export function parseSearchInput(raw: unknown): PublicSearchInput {
  const parsed = publicSearchSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    throw new AppError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  return parsed.data;
}

/** The rows of a page: from the cursor, or the page number, or the first. */
function pageOf(s: PublicSelection): { start: number; rows: Int32Array; page: number } {
  const { input, rows, catalogue: cat } = s;
  const limit = input.limit;
  if (input.cursor !== undefined) {
    const c = decodeCursor(input.cursor, input.sort);
    // The first row after the cursor's key in this order (the key's row itself may be gone since).
    const after = (i: number) => {
      const cmp = cat.sentAt[i]! < c.sentAt ? -1 : cat.sentAt[i]! > c.sentAt ? 1 : cat.reference[i]! < c.reference ? -1 : cat.reference[i]! > c.reference ? 1 : 0;
      return input.sort === 'newest' ? cmp < 0 : cmp > 0;
    };
    let start = 0;
    while (start < rows.length && !after(rows[start]!)) start++;
    return { start, rows: rows.subarray(start, start + limit), page: Math.floor(start / limit) + 1 };
  }
  const page = input.page ?? 1;
  const start = (page - 1) * limit;
  return { start, rows: rows.subarray(start, start + limit), page };
}

/**
 * One page of a search, presented for the public in a language: the total, the counts of every facet, the
 * rows, and the cursor of the next page (absent on the last).
 *
 * @example await searchPublicCommunications(ctx, PUBLIC, { q: 'detention', addressee: 'KAZ' }, 'fr')
 */
export async function searchPublicCommunications(ctx: AppContext, principal: Principal, raw: unknown, lang = 'en') {
  const s = await selectPublic(ctx, principal, raw);
  const { start, rows, page } = pageOf(s);
  const seqs = Array.from(rows, (i) => s.catalogue.seq[i]!);
  const found: PublicRow[] = await rowsBySeq(ctx.store.db, seqs);
  const last = rows.length > 0 ? rows[rows.length - 1]! : -1;
  const more = start + rows.length < s.rows.length;
  return {
    total: s.rows.length,
    page,
    limit: s.input.limit,
    filters: { ...s.input, addressee: s.addressee },
    next: more && last >= 0 ? encodeCursor({ sort: s.input.sort, sentAt: s.catalogue.sentAt[last]!, reference: s.catalogue.reference[last]! }) : null,
    facets: presentFacets(s.counts, ctx.ref, lang),
    items: found.map((row) => presentPublicRow(row, ctx.ref, lang)),
  };
}

/** One page of the public search, as presented. */
export type PublicSearchPage = Awaited<ReturnType<typeof searchPublicCommunications>>;
