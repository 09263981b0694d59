import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeDbError, isDatabaseUnavailable, isTransientLockError, isUniqueViolation } from './db-errors.js';
import type { ProblemCode } from './problem-codes.js';
import { FieldError, PROBLEM_CONTENT_TYPE, ProblemException, problem } from './problem.js';
import { bodyParserProblem } from './body-parser-problem.js';

/** Turns every error into RFC 9457 problem details; unexpected ones are logged and never leak internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, detail, errors, headers, code } = this.describe(exception, req);
    // The same request id key as the access log's (req.id), so the lines can be matched. Database errors are
    // logged without their message (describeDbError): a duplicate entry's names the duplicate value.
    const logged = { req: { id: req.id, method: req.method, url: req.originalUrl?.split('?')[0] } };
    if (isUniqueViolation(exception)) {
      this.logger.warn({ err: describeDbError(exception), ...logged }, 'unexpected duplicate entry, answered 409');
    } else if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.error({ err: describeDbError(exception), ...logged }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    // A named throttler (e.g. 'register') sets only `Retry-After-<name>`; clients read the standard header.
    const namedRetry =
      status === HttpStatus.TOO_MANY_REQUESTS && !res.getHeader('Retry-After')
        ? res.getHeaderNames().find((h) => h.toLowerCase().startsWith('retry-after-'))
        : undefined;
    if (namedRetry) res.setHeader('Retry-After', String(res.getHeader(namedRetry)));
    res
      .status(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem(status, detail, errors, code)));
  }

  private describe(
    exception: unknown,
    req: Request,
  ): { status: number; detail: string; errors?: FieldError[]; headers: Record<string, string>; code?: ProblemCode } {
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      const headers = { ...exception.headers };
      if (status === 503 && !headers['Retry-After']) headers['Retry-After'] = '2';
      return { status, detail: exception.message, errors: exception.errors, headers, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const headers: Record<string, string> = status === 503 ? { 'Retry-After': '2' } : {};
      const body = exception.getResponse();
      let detail = exception.message;
      if (status === HttpStatus.NOT_FOUND && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(detail)) {
        detail = `No route ${req.method} ${req.originalUrl.split('?')[0]}`;
      } else if (typeof body === 'object' && body && typeof (body as { message?: unknown }).message === 'string') {
        detail = (body as { message: string }).message;
      }
      if (status === HttpStatus.TOO_MANY_REQUESTS) detail = 'Too many requests; please wait before trying again';
      // Nest's own 400s come from its pipes (ParseUUIDPipe: a malformed id in the path): invalid input, like the DTOs'.
      return { status, detail, headers, code: status === HttpStatus.BAD_REQUEST ? 'validation_failed' : undefined };
    }
    const unreadable = bodyParserProblem(exception);
    if (unreadable) return { ...unreadable, headers: {} };
    // A unique index refused a write no service expected to collide (they answer their own 409s): a race
    // or a bug, but about existing data, so 409; the detail is generic because the driver's names the value.
    if (isUniqueViolation(exception)) {
      return {
        status: 409,
        detail: 'The request conflicts with data that already exists',
        headers: {},
        code: 'conflict',
      };
    }
    // A write outside UnitOfWork (which retries these itself) that could not get its lock in time.
    if (isTransientLockError(exception)) {
      return { status: 503, detail: 'The database is busy; please retry shortly', headers: { 'Retry-After': '2' } };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        detail: 'The database is unavailable; please retry shortly',
        headers: { 'Retry-After': '5' },
      };
    }
    return { status: 500, detail: 'An unexpected error occurred', headers: {} };
  }
}
