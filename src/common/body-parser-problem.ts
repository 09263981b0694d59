import type { ProblemCode } from './problem-codes.js';

export interface BodyParserProblem {
  status: number;
  detail: string;
  code?: ProblemCode;
}

/**
 * The problem for an error thrown by Express's body parser (`type` names its cause), or null for any
 * other error. Its own 4xx statuses are kept; anything else it throws is the client's unreadable body.
 */
export function bodyParserProblem(err: unknown): BodyParserProblem | null {
  const e = err as { type?: unknown; status?: unknown } | null | undefined;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return null;
  if (e.type === 'entity.parse.failed')
    return { status: 400, detail: 'The request body is not valid JSON', code: 'invalid_json' };
  if (e.type === 'entity.too.large') return { status: 413, detail: 'The request body is larger than 1 MB' };
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 400;
  return { status, detail: 'The request body could not be read' };
}
