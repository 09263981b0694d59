import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { LessThan } from 'typeorm';
import { badInput, conflict, ProblemException } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { sha256Hex } from '../common/crypto.js';

const TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,100}$/;

/**
 * Honours `Idempotency-Key` on creating POST routes: the first successful answer is stored and a retry
 * with the same key by the same user gets it again without running the handler; the same key with another
 * body is refused with 422, and a retry while the first is still running with 409. The key row is claimed
 * by its primary key before the handler runs, so two racing retries cannot both execute.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly uow: UnitOfWork) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Actor }>();
    const res = http.getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined || !req.user) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      return throwError(() =>
        badInput('Invalid Idempotency-Key', [
          { field: 'Idempotency-Key', message: '8-100 letters, digits, or _ - : .' },
        ]),
      );
    }
    const id = sha256Hex(`${req.user.id}\n${key}`);
    const requestHash = sha256Hex(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? {})}`);
    return from(this.claim(id, req.user.id, requestHash)).pipe(
      mergeMap((stored) => {
        if (stored) {
          res.status(stored.statusCode);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.complete(id, res.statusCode, body)).pipe(mergeMap(() => of(body)))),
          catchError((err) => from(this.release(id)).pipe(mergeMap(() => throwError(() => err)))),
        );
      }),
    );
  }

  /** Returns the stored answer for a repeat, or null after claiming the key for this request. */
  private async claim(
    id: string,
    userId: string,
    requestHash: string,
  ): Promise<{ statusCode: number; body: unknown } | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.uow.dataSource.getRepository(IdempotencyKey).findOneBy({ id });
      if (existing && existing.createdAt.getTime() > Date.now() - TTL_MS) {
        if (existing.requestHash !== requestHash) {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'This Idempotency-Key was used with a different request',
            undefined,
            {},
            'idempotency_key_reused',
          );
        }
        if (existing.statusCode === null)
          throw conflict('A request with this Idempotency-Key is still being processed', 'idempotency_key_in_use');
        return {
          statusCode: existing.statusCode,
          body: existing.responseBody ? JSON.parse(existing.responseBody) : undefined,
        };
      }
      try {
        await this.uow.run(null, async (em) => {
          await em.delete(IdempotencyKey, { id, createdAt: LessThan(new Date(Date.now() - TTL_MS)) });
          await em.insert(IdempotencyKey, {
            id,
            userId,
            requestHash,
            statusCode: null,
            responseBody: null,
            createdAt: new Date(),
          });
        });
        return null;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw conflict('A request with this Idempotency-Key is still being processed', 'idempotency_key_in_use');
  }

  private complete(id: string, statusCode: number, body: unknown): Promise<unknown> {
    return this.uow.run(null, (em) =>
      em.update(IdempotencyKey, { id }, { statusCode, responseBody: body === undefined ? null : JSON.stringify(body) }),
    );
  }

  private release(id: string): Promise<unknown> {
    return this.uow.run(null, (em) => em.delete(IdempotencyKey, { id }));
  }
}
