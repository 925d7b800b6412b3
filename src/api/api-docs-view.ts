import { ERRORS, type ErrorCode } from '../errors.ts';
import type { Translate } from '../i18n/translate.ts';
import { DATA_LICENCE } from './data-licence.ts';
import type { JsonSchema, OpenApiDocument, OpenApiParameter } from './openapi.ts';

/**
 * The view model of the API's page (`GET /api`), built from the OpenAPI document itself: every operation,
 * its parameters with their descriptions, its answer, its errors and an example address. The descriptions
 * are the document's (English); the page's own words are translated.
 */

/** A text cut at its `code` spans (the document's Markdown backticks), so the template can mark them up. */
export type RichText = Array<{ code: boolean; text: string }>;

function rich(text: string): RichText {
  return text.split('`').map((part, i) => ({ code: i % 2 === 1, text: part })).filter((p) => p.text.length > 0);
}

/** A parameter's schema in a few words: `AL | UA | OL`, `integer, 1–100`, `string, at most 500`. */
export function schemaText(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const facts: string[] = [];
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') facts.push(`${schema.minimum}–${schema.maximum}`);
  if (typeof schema.maxLength === 'number') facts.push(`≤ ${schema.maxLength} chars`);
  if (typeof schema.pattern === 'string') facts.push(schema.pattern);
  return [type, ...facts].join(', ');
}

/** Everything the page shows. */
export function apiDocsView(doc: OpenApiDocument, t: Translate) {
  const shared = doc.components.parameters;
  const resolve = (p: OpenApiParameter | { $ref: string }): OpenApiParameter | undefined =>
    '$ref' in p ? shared[p.$ref.split('/').pop() ?? ''] : p;
  const operations = Object.entries(doc.paths).map(([path, { get: op }]) => ({
    id: op.operationId,
    method: 'GET',
    path,
    summary: op.summary,
    description: rich(op.description),
    example: op['x-example'],
    parameters: op.parameters
      .map(resolve)
      .filter((p): p is OpenApiParameter => p !== undefined)
      .map((p) => ({
        name: p.name,
        in: t(`api.page.in.${p.in}`),
        required: p.required,
        type: schemaText(p.schema),
        description: rich(p.description ?? ''),
      })),
    answers: Object.entries(op.responses['200']?.content ?? {}).map(([type, { schema }]) => ({
      type,
      schema: typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : typeof schema['x-line-schema'] === 'object' ? t('api.page.lines', { schema: String((schema['x-line-schema'] as { $ref: string }).$ref.split('/').pop()) }) : null,
    })),
    errors: Object.entries(op['x-error-codes']).map(([status, codes]) => ({ status, codes })),
  }));
  return {
    heading: t('api.page.title'),
    intro: t('api.page.intro'),
    licence: { text: t('api.page.licence', { licence: DATA_LICENCE.name }), href: DATA_LICENCE.url },
    documentHref: '/api/v1/openapi.json',
    version: doc.info.version,
    operations,
    errorBody: '{ "error": { "code": "…", "message": "…", "details": { … } } }',
    errorCodes: (Object.keys(ERRORS) as ErrorCode[])
      .filter((code) => operations.some((op) => op.errors.some((e) => e.codes.includes(code))))
      .map((code) => ({ code, status: ERRORS[code].status, message: t(`error.${code}`, { field: '…', value: '…' }) })),
  };
}
