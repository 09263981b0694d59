import { applyDecorators, type INestApplication, type Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { PROBLEM_CODES, type ProblemCode } from './problem-codes.js';

export class ProblemFieldError {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'must be an email' }) message: string;
}

/** RFC 9457 problem details, as every error answer carries them (problem.ts). */
export class ProblemDetails {
  @ApiProperty({ example: 'https://httpstatuses.io/409' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ type: 'integer', example: 409 }) status: number;
  @ApiProperty({ example: 'The event is full' }) detail: string;
  @ApiProperty({
    enum: PROBLEM_CODES,
    enumName: 'ProblemCode',
    description: 'Stable reason of the refusal, for clients to show their own words; `detail` is English for people',
  })
  code: ProblemCode;
  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'One entry per invalid field (400)' })
  errors?: ProblemFieldError[];
}

/** The problem+json schema, for decorators that describe error answers themselves (@Auth). */
export const PROBLEM_SCHEMA = { $ref: getSchemaPath(ProblemDetails) };

const MEANING: Record<number, string> = {
  400: 'Malformed or invalid input (errors name each field)',
  401: 'No, bad, expired or revoked credentials',
  403: 'Signed in, but this role may not do this',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with the current state',
  413: 'Body larger than 1 MB',
  422: 'Well-formed input that breaks a business rule',
  429: 'Rate limited',
  503: 'Database unreachable or busy; retry after Retry-After seconds',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status] ?? 'Error',
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
      }),
    ),
    ApiExtension('x-problems', statuses),
  );
}

export class PageMeta {
  @ApiProperty({ minimum: 1, example: 1 }) page: number;
  @ApiProperty({ minimum: 1, maximum: 100, example: 20 }) limit: number;
  @ApiProperty({ minimum: 0, example: 42, description: 'Rows matching the filters, over all pages' }) total: number;
}

/**
 * A 200 answer that is a list envelope `{data: T[], meta: {page, limit, total}}` (pagination.ts), as a named
 * schema (`EventPage` for `EventResponseDto`), so generated client types read well.
 */
export function ApiPageResponse(model: Type<unknown>, description?: string) {
  const name = `${model.name.replace(/(Response)?Dto$/, '')}Page`;
  return applyDecorators(
    ApiExtraModels(PageMeta, model),
    ApiExtension('x-page-of', getSchemaPath(model)),
    ApiResponse({
      status: 200,
      description: description ?? `One page of ${model.name.replace(/(Response)?Dto$/, '')} rows`,
      content: {
        'application/json': {
          schema: {
            title: name,
            type: 'object',
            required: ['data', 'meta'],
            properties: {
              data: { type: 'array', items: { $ref: getSchemaPath(model) } },
              meta: { $ref: getSchemaPath(PageMeta) },
            },
          },
        },
      },
    }),
  );
}

/** A success answer that is a file (binary or text) of one of the media types, not JSON. */
export function ApiFileResponse(status: number, description: string, ...mediaTypes: string[]) {
  const schema = { type: 'string' as const, format: 'binary' };
  return ApiResponse({
    status,
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  });
}

/** A 200 answer that is `model` as JSON, or the same content as a file in one of the media types (`format=`). */
export function ApiJsonOrFileResponse(model: Type<unknown>, description: string, ...mediaTypes: string[]) {
  const file = { type: 'string' as const, format: 'binary' };
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        ...Object.fromEntries(mediaTypes.map((type) => [type, { schema: file }])),
      },
    }),
  );
}

/** Sorts an object's own keys, so the document (and what is generated from it) does not depend on load order. */
function sortedKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/**
 * The OpenAPI document of a configured application (served at /api/docs-json, and the source of the web app's types).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bangga Macapat API')
      .setDescription(
        'Event platform of Bangga Macapat (Gerakan Kabupaten Purbalingga Makin Cakap Digital), ' +
          'Dinas Komunikasi dan Informatika Kabupaten Purbalingga. Errors are RFC 9457 problem+json ' +
          'with a stable `code` (ProblemCode).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDetails, ProblemFieldError, PageMeta] },
  );
  // Any operation can meet an unreachable or busy database (UnitOfWork, problem-details.filter.ts).
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (op && !op.responses['503']) {
        op.responses['503'] = {
          description: MEANING[503],
          content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
        };
      }
    }
  }
  document.paths = sortedKeys(document.paths);
  if (document.components?.schemas) document.components.schemas = sortedKeys(document.components.schemas);
  return document;
}
