import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CODES } from '../../src/common/problem-codes.js';

/**
 * Every 4xx and 5xx the suites provoke must be problem+json with a `code` from PROBLEM_CODES (api-contract.md,
 * "Additions"). The apps the suites boot record each answer that is not; test/jest/problem-code-check.setup.ts
 * fails the test that provoked it. Kept on globalThis so the setup file and the suite read one list.
 */
const KEY = Symbol.for('bangga.problemCodeViolations');
type Store = typeof globalThis & { [KEY]?: string[] };

export function problemCodeViolations(): string[] {
  const store = globalThis as Store;
  return (store[KEY] ??= []);
}

/** Why an error answer breaks the rule, or null when it carries a listed code. */
export function problemCodeViolation(
  status: number,
  contentType: string | undefined,
  body: string | undefined,
): string | null {
  if (status < 400) return null;
  if (!contentType?.startsWith('application/problem+json')) return `content type ${contentType ?? '(none)'}`;
  let code: unknown;
  try {
    code = (JSON.parse(body ?? '') as { code?: unknown }).code;
  } catch {
    return 'body is not JSON';
  }
  return (PROBLEM_CODES as readonly unknown[]).includes(code)
    ? null
    : `code ${JSON.stringify(code)} is not in PROBLEM_CODES`;
}

/** Express middleware, mounted first, that watches how each response ends. */
export function problemCodeRecorder(req: Request, res: Response, next: NextFunction): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    // HEAD answers carry no body to read; everything else ends with the whole body (res.send).
    // GET /health answers 503 with its own JSON body (contract), not with problem details.
    const path = req.originalUrl.split('?')[0];
    const health = path === '/api/v1/health';
    // Web app paths (everything outside /api) answer a missing page with the app's own HTML (ui-contract.md).
    const appPage = !path.startsWith('/api/') && String(res.getHeader('content-type') ?? '').startsWith('text/html');
    if (res.statusCode >= 400 && req.method !== 'HEAD' && !health && !appPage) {
      const chunk = args[0];
      const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      const why = problemCodeViolation(res.statusCode, res.getHeader('content-type')?.toString(), body);
      if (why) problemCodeViolations().push(`${req.method} ${req.originalUrl} → ${res.statusCode}: ${why}`);
    }
    return end(...args);
  }) as Response['end'];
  next();
}
