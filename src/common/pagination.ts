import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE = 1_000_000;

export class PageQueryDto {
  // Bounded so the offset stays an exact integer the databases accept (1e20 became "2e+21" in the SQL: a 500).
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  get offset(): number {
    return (this.page - 1) * this.limit;
  }
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number };
}

export function page<T>(data: T[], total: number, query: PageQueryDto): Page<T> {
  return { data, meta: { page: query.page, limit: query.limit, total } };
}
