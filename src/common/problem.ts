import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A 4xx the API means to give, with optional field errors and extra members. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

export const badInput = (detail: string, errors?: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, detail, errors);
export const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, detail);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, `${what} not found`);
export const ruleBroken = (detail: string) => new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, detail);
export const forbidden = (detail = 'You are not allowed to do this') =>
  new ProblemException(HttpStatus.FORBIDDEN, detail);

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

export function problem(status: number, detail: string, errors?: FieldError[]): ProblemDetails {
  const title = TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
  return {
    type: `https://httpstatuses.io/${status}`,
    title,
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
