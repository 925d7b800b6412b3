import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { CSV_COLUMNS } from '../exports/export-item.ts';
import { EXPORT_IGNORED_PARAMETERS } from '../exports/search-export.ts';
import { slugSchema } from '../queries/get-published-communication.ts';
import { publicSearchSchema } from '../queries/search-public-communications.ts';
import { LICENCE_LINK_HEADER } from './data-licence.ts';
import {
  addresseeSchema,
  communicationSchema,
  communicationSummarySchema,
  dumpRecordSchema,
  errorBodySchema,
  exportItemSchema,
  facetsSchema,
  mandateSchema,
  openObjectSchema,
  searchPageSchema,
} from './api-schemas.ts';

/**
 * Every operation of the public API, with the zod schemas that validate its parameters and describe its
 * answer: the OpenAPI document (and the page that shows it) is generated from this list, and a test
 * checks that every registered `/api/v1` route is in it.
 */

/** The schemas the document names as components, each generated from its zod schema. */
export const API_COMPONENTS = {
  SearchPage: searchPageSchema,
  CommunicationSummary: communicationSummarySchema,
  Facets: facetsSchema,
  Addressee: addresseeSchema,
  Mandate: mandateSchema,
  Communication: communicationSchema,
  ExportItem: exportItemSchema,
  ExportList: z.array(exportItemSchema),
  DumpRecord: dumpRecordSchema,
  Error: errorBodySchema,
  Object: openObjectSchema,
} as const;

/** The name of a component schema. */
export type ApiComponent = keyof typeof API_COMPONENTS;

/** What an operation answers with on success, for one media type. */
export interface ApiContent {
  /** The component of the body, or `text` for a body that is not JSON (CSV, Atom, JSON Lines). */
  schema: ApiComponent | 'text';
  /** The component each line follows, for JSON Lines. */
  line?: ApiComponent;
}

/** One operation: a GET of the public API. */
export interface ApiOperation {
  /** The path in OpenAPI's form: `/api/v1/communications/{slug}`. */
  path: string;
  operationId: string;
  tag: 'communications' | 'open data' | 'reference and statistics' | 'documentation';
  summary: string;
  description: string;
  /** The query's schema, and the parameters of it the operation does not take. */
  query?: { schema: z.ZodObject; omit?: readonly string[] };
  /** The schema of each path parameter. */
  pathParameters?: Record<string, z.ZodType>;
  /** Whether names follow the language asked for (`Accept-Language`, `?lang=`). */
  localized: boolean;
  success: { description: string; content: Record<string, ApiContent>; headers?: Record<string, string> };
  errors: readonly ErrorCode[];
  /** An address to try, as the documentation page links it. */
  example: string;
}

/** The errors of any search: its parameters. */
const SEARCH_ERRORS: readonly ErrorCode[] = ['VALIDATION_FAILED', 'QUERY_INVALID', 'MANDATE_UNKNOWN', 'ADDRESSEE_UNKNOWN', 'INTERNAL'];

const DOWNLOAD_HEADERS = {
  'content-disposition': 'attachment, with a file name that carries the date',
  link: `The licence of the data: \`${LICENCE_LINK_HEADER}\``,
};

/** The path parameter of an addressee's routes: a State's alpha-3 code, or a non-State addressee's id. */
export const addresseeParameterSchema = z.string().min(2).max(64).describe('A State by its ISO 3166 alpha-3 code (KAZ), or a non-State addressee by its id');
/** The path parameter of a mandate's routes. */
export const mandateParameterSchema = z.string().min(1).max(64).describe('A mandate by its slug (sr-torture)');

/** The operations, in the order the documentation shows them. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    path: '/api/v1/communications',
    operationId: 'searchCommunications',
    tag: 'communications',
    summary: 'Search the published communications',
    description:
      'The same search as the site: full text over the letters and the replies, with filters, newest first (or oldest). ' +
      'Each answer gives the total, the counts of every facet over the results, and a page of results. To read further, ' +
      'pass `next` as `cursor` with the same filters (`links.next` is that address); the last page has `next: null`. ' +
      '`page` is accepted too, but the cursor is the stable way through a long list.',
    query: { schema: publicSearchSchema },
    localized: true,
    success: { description: 'A page of results', content: { 'application/json': { schema: 'SearchPage' } }, headers: { link: 'The next page: `<…>; rel="next"`, when there is one' } },
    errors: [...SEARCH_ERRORS.slice(0, -1), 'CURSOR_INVALID', 'INTERNAL'],
    example: '/api/v1/communications?q=detention&addressee=KAZ&limit=5',
  },
  {
    path: '/api/v1/communications/{slug}',
    operationId: 'getCommunication',
    tag: 'communications',
    summary: 'One published communication, with its replies',
    description:
      'The public version of a letter by its reference (slashes and spaces as dashes): its text, questions, replies, ' +
      'history of publication and corrections, and the public communications it follows or that follow it. A reference ' +
      'that is unknown, not yet published, held or retracted is the same 404.',
    pathParameters: { slug: slugSchema.describe('The reference as in URLs: AL-KAZ-1-2022 for AL KAZ 1/2022') },
    localized: true,
    success: { description: 'The communication', content: { 'application/json': { schema: 'Communication' } } },
    errors: ['NOT_FOUND', 'INTERNAL'],
    example: '/api/v1/communications/AL-KAZ-1-2022',
  },
  {
    path: '/api/v1/export.csv',
    operationId: 'exportCsv',
    tag: 'open data',
    summary: 'Export a search as CSV',
    description:
      'Every communication a search selects (the filters of the search, without paging), in its order, as CSV with a ' +
      `header line. Columns: ${CSV_COLUMNS.map(([h]) => `\`${h}\``).join(', ')}. Mandates are slugs separated by spaces. ` +
      'Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. Streamed: any size.',
    query: { schema: publicSearchSchema, omit: EXPORT_IGNORED_PARAMETERS },
    localized: true,
    success: { description: 'The CSV file', content: { 'text/csv': { schema: 'text' } }, headers: DOWNLOAD_HEADERS },
    errors: SEARCH_ERRORS,
    example: '/api/v1/export.csv?addressee=KAZ&year=2022',
  },
  {
    path: '/api/v1/export.json',
    operationId: 'exportJson',
    tag: 'open data',
    summary: 'Export a search as JSON',
    description: 'Every communication a search selects, in its order, as one JSON array of search rows, each with the address of its page. Streamed: any size.',
    query: { schema: publicSearchSchema, omit: EXPORT_IGNORED_PARAMETERS },
    localized: true,
    success: { description: 'The JSON file', content: { 'application/json': { schema: 'ExportList' } }, headers: DOWNLOAD_HEADERS },
    errors: SEARCH_ERRORS,
    example: '/api/v1/export.json?mandate=wgad&reply=none',
  },
  {
    path: '/api/v1/dump.jsonl',
    operationId: 'dump',
    tag: 'open data',
    summary: 'The whole public database, as JSON Lines',
    description:
      'Every published communication, with its full public text, replies and public history, one JSON object per line ' +
      '(`DumpRecord`), names in English. Streamed: any size.',
    localized: false,
    success: { description: 'One record per line', content: { 'application/x-ndjson': { schema: 'text', line: 'DumpRecord' } }, headers: DOWNLOAD_HEADERS },
    errors: ['INTERNAL'],
    example: '/api/v1/dump.jsonl',
  },
  {
    path: '/feed.atom',
    operationId: 'feed',
    tag: 'open data',
    summary: 'Atom feed of newly published and corrected communications',
    description: 'The 50 communications whose public record changed last — published, corrected, or given a reply — newest first (Atom 1.0).',
    localized: true,
    success: { description: 'The feed', content: { 'application/atom+xml': { schema: 'text' } } },
    errors: ['INTERNAL'],
    example: '/feed.atom',
  },
  {
    path: '/api/v1/statistics',
    operationId: 'statistics',
    tag: 'reference and statistics',
    summary: 'Statistics of the published communications',
    description: 'Communications per year, type, mandate and addressee; the share of joint letters; reply rates, on time and late.',
    localized: true,
    success: { description: 'The statistics', content: { 'application/json': { schema: 'Object' } } },
    errors: ['INTERNAL'],
    example: '/api/v1/statistics',
  },
  {
    path: '/api/v1/addressees',
    operationId: 'listAddressees',
    tag: 'reference and statistics',
    summary: 'The addressees of published communications',
    description: 'The addressees of at least one published communication, most written to first, with their figures: `{ total, items }`.',
    localized: true,
    success: { description: 'The addressees', content: { 'application/json': { schema: 'Object' } } },
    errors: ['INTERNAL'],
    example: '/api/v1/addressees',
  },
  {
    path: '/api/v1/addressees/{code}',
    operationId: 'getAddressee',
    tag: 'reference and statistics',
    summary: 'One addressee',
    description: 'An addressee and the figures of the published communications sent to it, reply rates included.',
    pathParameters: { code: addresseeParameterSchema },
    localized: true,
    success: { description: 'The addressee', content: { 'application/json': { schema: 'Object' } } },
    errors: ['NOT_FOUND', 'INTERNAL'],
    example: '/api/v1/addressees/KAZ',
  },
  {
    path: '/api/v1/mandates',
    operationId: 'listMandates',
    tag: 'reference and statistics',
    summary: 'The mandates',
    description: 'Every mandate, those that signed most first, with the figures of their published communications: `{ total, items }`.',
    localized: true,
    success: { description: 'The mandates', content: { 'application/json': { schema: 'Object' } } },
    errors: ['INTERNAL'],
    example: '/api/v1/mandates',
  },
  {
    path: '/api/v1/mandates/{slug}',
    operationId: 'getMandate',
    tag: 'reference and statistics',
    summary: 'One mandate',
    description: 'A mandate and the figures of the published communications it signed, alone or jointly.',
    pathParameters: { slug: mandateParameterSchema },
    localized: true,
    success: { description: 'The mandate', content: { 'application/json': { schema: 'Object' } } },
    errors: ['NOT_FOUND', 'INTERNAL'],
    example: '/api/v1/mandates/sr-torture',
  },
  {
    path: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    tag: 'documentation',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of the API, generated from the schemas that validate its requests. The page `/api` shows it.',
    localized: false,
    success: { description: 'The OpenAPI document', content: { 'application/json': { schema: 'Object' } } },
    errors: ['INTERNAL'],
    example: '/api/v1/openapi.json',
  },
];
