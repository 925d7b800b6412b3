import { z } from 'zod';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_KINDS, REPLY_STATUSES } from '../domain/replies.ts';
import { ERRORS, type ErrorCode } from '../errors.ts';
import { FACETS } from '../search/public-catalogue.ts';

/**
 * The shapes of the public API's answers, as zod schemas: the OpenAPI document's components are generated
 * from them, and the API's tests check real answers against them, so that the document cannot drift from
 * what the presenters send.
 */

const date = z.string().describe('A date, YYYY-MM-DD');

/** The addressee of a letter, named in the language asked for. */
export const addresseeSchema = z.object({
  code: z.string().describe('ISO 3166 alpha-3 code of the State; OTH for a non-State addressee'),
  name: z.string().optional().describe('Its name in the language of the answer'),
});

/** A signing mandate, named in the language asked for (English when the title is not translated). */
export const mandateSchema = z.object({
  slug: z.string().describe('The mandate slug, as the `mandate` filter takes it'),
  title: z.string().optional(),
});

/** A row of a search: what a list shows of a communication. */
export const communicationSummarySchema = z.object({
  reference: z.string().describe('The reference, e.g. "AL KAZ 1/2022"'),
  slug: z.string().describe('The reference as in URLs, e.g. "AL-KAZ-1-2022"'),
  type: z.enum(COMMUNICATION_TYPES),
  displayType: z.string().describe('The type as the lists write it: J prefixed for joint letters (JAL, JUA, JOL)'),
  joint: z.boolean().describe('Sent by several mandates'),
  addressee: addresseeSchema,
  mandates: z.array(mandateSchema),
  sentDate: date.describe('The date of sending (Geneva)'),
  language: z.string().describe('The language of the letter (ISO 639-1)'),
  subject: z.string(),
  summary: z.string(),
  replyStatus: z.enum(REPLY_STATUSES),
  replies: z.number().int().min(0).describe('The number of replies received'),
  firstReplyOn: date.nullable().describe('The date the first reply was received'),
  synthetic: z.boolean().describe('A made-up record for demonstration and testing, not a real communication'),
});

/** A facet value and how many results have it. */
const facetValueSchema = z.object({
  value: z.string().describe('The value, as the filter of the same name takes it'),
  count: z.number().int().min(0),
  label: z.string().optional().describe('Its name in the language of the answer'),
});

/** The counts of every facet over the results (every filter applied). */
export const facetsSchema = z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(facetValueSchema)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof facetValueSchema>>);

/** One page of a search. */
export const searchPageSchema = z.object({
  total: z.number().int().min(0).describe('How many communications match'),
  limit: z.number().int().min(1),
  next: z.string().nullable().describe('The cursor of the next page, null on the last'),
  facets: facetsSchema,
  items: z.array(communicationSummarySchema),
  links: z.object({ next: z.string().nullable().describe('The address of the next page, null on the last') }),
});

/** A reply as published. */
const replySchema = z.object({
  receivedOn: date,
  kind: z.enum(REPLY_KINDS),
  language: z.string(),
  summary: z.string(),
});

/** A public decision on the letter: its publication, a correction. */
const historySchema = z.object({
  date,
  action: z.string().describe('publish, correct'),
  reason: z.string().nullable(),
});

const publicRecordShape = {
  reference: z.string(),
  slug: z.string(),
  type: z.enum(COMMUNICATION_TYPES),
  displayType: z.string(),
  joint: z.boolean(),
  sentDate: date,
  language: z.string(),
  subject: z.string(),
  summary: z.string(),
  body: z.string().describe('The public version of the letter: withheld names replaced'),
  concerns: z.string(),
  questions: z.array(z.string()),
  replyStatus: z.enum(REPLY_STATUSES),
  replyDeadline: date.describe('The end of the 60 days within which a reply is on time'),
  firstReplyOn: date.nullable(),
  replies: z.array(replySchema),
  publishedAt: z.string().describe('When the letter was published (ISO 8601)'),
  synthetic: z.boolean(),
  addressee: addresseeSchema,
  mandates: z.array(mandateSchema),
  history: z.array(historySchema),
};

/** A record of the full dump: one published communication with its replies, names in English. */
export const dumpRecordSchema = z.object(publicRecordShape);

const linkSchema = z.object({ reference: z.string(), slug: z.string() });

/** One communication as the API gives it: the public record and its public follow-ups. */
export const communicationSchema = z.object({
  ...publicRecordShape,
  follows: z.array(linkSchema).describe('Earlier communications this one follows up, when public'),
  followedBy: z.array(linkSchema).describe('Later communications following this one up, when public'),
});

/** An item of the JSON export: a search row with the address of its page. */
export const exportItemSchema = communicationSummarySchema.extend({ url: z.string().describe('The absolute address of its page') });

/** The body of every error answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).describe('A stable code'),
    message: z.string().describe('What went wrong, in English'),
    details: z.record(z.string(), z.unknown()).optional().describe('Which field, which value'),
  }),
});

/** The answers of the reference and statistics routes: open objects, described where they are built. */
export const openObjectSchema = z.object({}).catchall(z.unknown());
