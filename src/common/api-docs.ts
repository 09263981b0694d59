import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';

export const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

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
