import { HttpException, HttpStatus } from '@nestjs/common';
import { type ProblemCode, codeForStatus } from './problem-codes.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable reason (problem-codes.ts); `detail` is for people. */
  code: ProblemCode;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A 4xx the API means to give, with optional field errors and extra members. */
export class ProblemException extends HttpException {
  readonly code: ProblemCode;
  constructor(
    status: number,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    code?: ProblemCode,
  ) {
    super(detail, status);
    this.code = code ?? (status === 400 && errors?.length ? 'validation_failed' : codeForStatus(status));
  }
}

export const badInput = (detail: string, errors?: FieldError[], code?: ProblemCode) =>
  new ProblemException(HttpStatus.BAD_REQUEST, detail, errors, {}, code);
export const conflict = (detail: string, code: ProblemCode = 'conflict') =>
  new ProblemException(HttpStatus.CONFLICT, detail, undefined, {}, code);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, `${what} not found`);
export const ruleBroken = (detail: string, code: ProblemCode = 'rule_broken') =>
  new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, detail, undefined, {}, code);
export const forbidden = (detail = 'You are not allowed to do this', code: ProblemCode = 'forbidden') =>
  new ProblemException(HttpStatus.FORBIDDEN, detail, undefined, {}, code);
export const unauthorized = (detail: string, code: ProblemCode = 'unauthorized') =>
  new ProblemException(HttpStatus.UNAUTHORIZED, detail, undefined, {}, code);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, errors?: FieldError[], code?: ProblemCode): ProblemDetails {
  const title = TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
  return {
    type: `https://httpstatuses.io/${status}`,
    title,
    status,
    detail,
    code: code ?? (status === 400 && errors?.length ? 'validation_failed' : codeForStatus(status)),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
