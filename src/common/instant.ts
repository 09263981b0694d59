import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches } from 'class-validator';

/**
 * The contract's instants: ISO 8601 date and time with an explicit offset (`Z` or `+07:00`), in years
 * 2000–2199 so every value fits both databases' datetime range.
 */
const WITH_OFFSET = /^2[01]\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsInstant() {
  return applyDecorators(
    IsString(),
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, {
      message: '$property must be an ISO 8601 date-time with an offset in 2000–2199, e.g. 2026-12-01T09:00:00+07:00',
    }),
  );
}
