import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, badInput } from './problem.js';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith('property ') && message.endsWith(' should not exist')
        ? { field, message: 'unknown field' }
        : { field, message },
    );
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Global pipe: whitelist, refuse unknown fields, transform; every failure is a 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badInput('The request has invalid fields', flattenValidationErrors(errors)),
  });
}
