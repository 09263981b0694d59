import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../common/auth.decorator.js';
import { HealthResponseDto } from './dto/health-response.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** 200 `{status: "ok", db: "up"}`, or 503 `{status: "error", db: "down"}` within about a second. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto, description: 'The database answers' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDto,
    description: 'The database does not answer (Retry-After: 5)',
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string; db: string }> {
    try {
      await this.health.check([() => this.db.pingCheck('db', { timeout: 1000 })]);
      return { status: 'ok', db: 'up' };
    } catch {
      res.status(503).setHeader('Retry-After', '5');
      return { status: 'error', db: 'down' };
    }
  }
}
