import { Controller, Get, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import { Between, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import { page } from '../common/pagination.js';
import { Auth } from '../common/auth.decorator.js';
import { AuditLog } from './audit-log.entity.js';
import { AuditLogResponseDto, ListAuditLogsQuery } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller('audit-logs')
export class AuditController {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  @Get()
  @Auth('admin')
  @ApiProblems(400)
  @ApiPageResponse(AuditLogResponseDto)
  async list(@Query() q: ListAuditLogsQuery) {
    const where: FindOptionsWhere<AuditLog> = {};
    if (q.actorId) where.actorId = q.actorId;
    if (q.entityType) where.entityType = q.entityType;
    if (q.entityId) where.entityId = q.entityId;
    if (q.action) where.action = q.action;
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to) where.createdAt = Between(from, to);
    else if (from) where.createdAt = MoreThanOrEqual(from);
    else if (to) where.createdAt = LessThanOrEqual(to);
    const [rows, total] = await this.logs.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: q.offset,
      take: q.limit,
    });
    return page(rows.map(AuditLogResponseDto.from), total, q);
  }
}
