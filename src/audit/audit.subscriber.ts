import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  RemoveEvent,
  UpdateEvent,
} from 'typeorm';
import { insertRow } from '../database/row-statements.js';
import { actorOf } from '../database/unit-of-work.js';
import { AuditAction, AuditLog } from './audit-log.entity.js';
import { auditSettingsOf } from './audited.decorator.js';

/** Roles whose changes the regency must be able to trace. */
const AUDITED_ROLES = new Set(['admin', 'staff', 'partner']);

/**
 * Writes one audit row for every save or remove of an @Audited entity made in a `UnitOfWork.run` for a
 * staff, admin or partner user, through the same entity manager and so in the same transaction as the
 * change. Modules get auditing by saving their entities in a unit of work for their actor, not by calling anything.
 */
@Injectable()
export class AuditSubscriber implements EntitySubscriberInterface {
  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    await this.record(event.manager, event.metadata, 'create', undefined, event.entity);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    // Query-builder updates carry no entity identity; audited changes go through save().
    if (!event.entity || !event.databaseEntity) return;
    await this.record(event.manager, event.metadata, 'update', event.databaseEntity, event.entity);
  }

  async beforeRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const before = event.databaseEntity ?? event.entity;
    if (!before) return;
    await this.record(event.manager, event.metadata, 'delete', before, undefined);
  }

  private async record(
    manager: EntityManager,
    metadata: EntityMetadata,
    action: AuditAction,
    before: ObjectLiteral | undefined,
    after: ObjectLiteral | undefined,
  ): Promise<void> {
    const settings = auditSettingsOf(metadata.target);
    const actor = actorOf(manager.queryRunner);
    if (!settings || !actor || !AUDITED_ROLES.has(actor.role)) return;
    const snapshot = (o: ObjectLiteral | undefined) => {
      if (!o) return null;
      const plain: Record<string, unknown> = {};
      for (const column of metadata.columns) {
        if (settings.omit.has(column.propertyName)) continue;
        const value = column.getEntityValue(o);
        if (value !== undefined) plain[column.propertyName] = value;
      }
      return JSON.stringify(plain);
    };
    const id = (after ?? before)?.[metadata.primaryColumns[0].propertyName];
    if (id === undefined || id === null) return;
    const row: AuditLog = {
      id: randomUUID(),
      actorId: actor.id,
      actorRole: actor.role,
      action,
      entityType: settings.entityType,
      entityId: String(id),
      before: snapshot(before),
      after: snapshot(after),
      requestId: actor.requestId ?? null,
      createdAt: new Date(),
    };
    // Every column is set here, so nothing is read back; the audit row itself is not broadcast to subscribers.
    await insertRow(manager, AuditLog, row, { listeners: false });
  }
}
