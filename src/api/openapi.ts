import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../errors.ts';
import { API_COMPONENTS, API_OPERATIONS, type ApiContent, type ApiOperation } from './api-operations.ts';
import { DATA_LICENCE } from './data-licence.ts';

/**
 * The OpenAPI 3.1 document of the public API, generated from the operations' zod schemas: the query
 * parameters are the properties of the very schema that validates the query (their descriptions are its
 * `.describe()` texts), the answers are the components generated from the answers' schemas. Nothing is
 * written by hand twice, so the document cannot disagree with what the routes accept.
 */

/** A JSON Schema, as the document holds it. */
export type JsonSchema = Record<string, unknown>;

/** A parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: string;
}

/** The document, typed as far as its readers (the page, the tests) need. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; summary: string; description: string; license: { name: string; identifier: string } };
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, { get: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, OpenApiParameter>; responses: Record<string, unknown> };
}

/** One operation of the document. */
export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: Array<OpenApiParameter | { $ref: string }>;
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
  'x-error-codes': Record<string, ErrorCode[]>;
  'x-example': string;
}

const REF = (name: string) => `#/components/schemas/${name}`;

/** A generated schema without the keywords that only make sense at the root of a standalone document. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** The component schemas, generated together so that they refer to each other by `$ref`. */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: REF, unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, bare(s)]));
}

/** The parameters of an operation's query: one per property of its schema, in the schema's order. */
function queryParameters(query: NonNullable<ApiOperation['query']>): OpenApiParameter[] {
  const json = z.toJSONSchema(query.schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !query.omit?.includes(name))
    .map(([name, property]) => {
      const { description, ...schema } = property;
      return { name, in: 'query' as const, required: json.required?.includes(name) ?? false, ...(typeof description === 'string' ? { description } : {}), schema };
    });
}

/** The parameters of an operation's path. */
function pathParameters(params: NonNullable<ApiOperation['pathParameters']>, example: string, path: string): OpenApiParameter[] {
  return Object.entries(params).map(([name, zodSchema]) => {
    const { description, ...schema } = bare(z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    return { name, in: 'path' as const, required: true, ...(typeof description === 'string' ? { description } : {}), schema, example: exampleValue(path, example, name) };
  });
}

/** The value a path parameter has in the operation's example (`{slug}` in `/…/{slug}` against `/…/AL-KAZ-1-2022`). */
function exampleValue(path: string, example: string, name: string): string | undefined {
  const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => (n === name ? '([^/?]+)' : '[^/?]+'))}(?:\\?|$)`);
  const match = pattern.exec(example);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The success content of an operation in the document's form. */
function contentOf(content: Record<string, ApiContent>): Record<string, { schema: JsonSchema }> {
  return Object.fromEntries(
    Object.entries(content).map(([type, c]) => {
      if (c.schema !== 'text') return [type, { schema: { $ref: REF(c.schema) } }];
      const schema: JsonSchema = c.line
        ? { type: 'string', description: `One JSON object per line, each a ${c.line}`, 'x-line-schema': { $ref: REF(c.line) } }
        : { type: 'string' };
      return [type, { schema }];
    }),
  );
}

/** The error codes of an operation by HTTP status. */
function errorsByStatus(codes: readonly ErrorCode[]): Record<string, ErrorCode[]> {
  const byStatus: Record<string, ErrorCode[]> = {};
  for (const code of codes) (byStatus[String(ERRORS[code].status)] ??= []).push(code);
  return byStatus;
}

const STATUS_TEXT: Record<string, string> = { '400': 'Bad request', '404': 'Not found', '429': 'Too many requests', '500': 'Internal error' };

function operationOf(op: ApiOperation): OpenApiOperation {
  const errors = errorsByStatus(op.errors);
  const headers = Object.fromEntries(Object.entries(op.success.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    parameters: [
      ...(op.pathParameters ? pathParameters(op.pathParameters, op.example, op.path) : []),
      ...(op.query ? queryParameters(op.query) : []),
      ...(op.localized ? [{ $ref: '#/components/parameters/AcceptLanguage' }] : []),
    ],
    responses: {
      '200': { description: op.success.description, ...(Object.keys(headers).length > 0 ? { headers } : {}), content: contentOf(op.success.content) },
      ...Object.fromEntries(
        Object.entries(errors).map(([status, codes]) => [
          status,
          { description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.join(', ')}`, content: { 'application/json': { schema: { $ref: REF('Error') } } } },
        ]),
      ),
    },
    'x-error-codes': errors,
    'x-example': op.example,
  };
}

const DESCRIPTION = [
  'The public database of the communications of the Special Procedures of the Human Rights Council: letters sent to',
  'Governments and others, published once their confidentiality period has passed, with the replies received.',
  'Only published communications, in their public version, are ever served.',
  '',
  `**Licence of the data**: ${DATA_LICENCE.name}, ${DATA_LICENCE.url} — reuse it freely, citing the source.`,
  '',
  '**Language**: names of States and mandates follow `Accept-Language` (or `?lang=`): en, fr, es, ru, ar, zh.',
  '',
  '**Paging**: a search answers a page and a `next` cursor; pass it as `cursor` with the same filters until `next` is null.',
  '',
  '**Errors**: every error answers `{ "error": { "code", "message", "details" } }` with a stable `code`; nothing is ever a 500 on bad input.',
].join('\n');

/** Builds the document (see {@link openApiDocument} for the cached one). */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapporteur public API',
      version: '1',
      summary: 'Published communications of the UN Special Procedures, with their replies: search, exports, dump and feed.',
      description: DESCRIPTION,
      license: { name: DATA_LICENCE.name, identifier: DATA_LICENCE.spdx },
    },
    tags: [
      { name: 'communications', description: 'Search the published communications and read one' },
      { name: 'open data', description: `Exports, the full dump and the feed, under ${DATA_LICENCE.name}` },
      { name: 'reference and statistics', description: 'Statistics, addressees and mandates' },
      { name: 'documentation', description: 'This document' },
    ],
    paths: Object.fromEntries(operations.map((op) => [op.path, { get: operationOf(op) }])),
    components: {
      schemas: componentSchemas(),
      parameters: {
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'The language of the names of States and mandates (en, fr, es, ru, ar, zh); `?lang=` does the same',
          schema: { type: 'string' },
          example: 'fr',
        },
      },
      responses: {},
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document of the public API, built once. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}

/** The paths of a document in Fastify's form (`/api/v1/communications/:slug`), to compare with the routes. */
export function routeOf(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}
