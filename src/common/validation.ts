import { ValidationPipe } from '@nestjs/common';
import {
  getMetadataStorage,
  ValidateIf,
  ValidationError,
  ValidationTypes,
  type ValidatorOptions,
} from 'class-validator';
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

/**
 * `@IsOptional()` (and PartialType, which adds it to every field) lets `null` through as well as a missing
 * field, and services then wrote null into NOT NULL columns or called methods on it (500s). A null passes
 * only where the DTO declares the field nullable, with a `ValidateIf((_o, v) => v !== null)`.
 */
export const nullable = ValidateIf((_o: unknown, v: unknown) => v !== null);

function nullErrors(object: object): ValidationError[] {
  // Most bodies hold no null at all: then the class's validation metadata is not even looked up.
  if (!Object.values(object).includes(null)) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(object.constructor, '', true, false);
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(object)) {
    if (value !== null) continue;
    const own = metadata.filter((m) => m.propertyName === property);
    if (own.length === 0) continue;
    const nullable = own.some(
      (m) =>
        m.type === ValidationTypes.CONDITIONAL_VALIDATION &&
        m.name !== 'isOptional' &&
        m.constraints[0](object, null) === false,
    );
    if (nullable) continue;
    errors.push(
      Object.assign(new ValidationError(), {
        property,
        constraints: { isNotNull: `${property} may not be null` },
        children: [],
      }),
    );
  }
  return errors;
}

class ApiValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    const reported = new Set(errors.map((e) => e.property));
    return [...errors, ...nullErrors(object).filter((e) => !reported.has(e.property))];
  }
}

/**
 * Global pipe: whitelist, refuse unknown fields and misplaced
 * nulls, transform; every failure is a 400 naming each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badInput('The request has invalid fields', flattenValidationErrors(errors)),
  });
}
