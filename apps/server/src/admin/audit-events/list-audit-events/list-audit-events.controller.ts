import { Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { defaultAuditMapping } from '@keyward/audit';
import type { EventStore } from '@keyward/event-store';
import { AuditLogIndexProjection } from '@keyward/projections';
import { EVENT_STORE } from '@keyward/application';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { AuditEventPages } from './audit-event-pages';
import { AUDIT_CURSOR_PATTERN, formatAuditCursor, parseAuditCursor } from './audit-page-cursor';

export class ListAuditEventsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  serviceAccountId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` of the previous page (newest first)' })
  @IsOptional()
  @Matches(AUDIT_CURSOR_PATTERN, { message: 'before must be the next of a previous page' })
  before?: string;
}

/** The organization's recorded events, newest first, read from the store (see AuditEventPages): for admins without Kafka access. Never a secret or a digest. */
@AdminController('audit-events', 'audit')
export class ListAuditEventsController {
  private readonly pages: AuditEventPages;

  constructor(index: AuditLogIndexProjection, @Inject(EVENT_STORE) store: EventStore) {
    this.pages = new AuditEventPages(index, store);
  }

  @Get()
  @RequiresScope('read:audit-log')
  async list(@Query() query: ListAuditEventsQuery, @Caller() { principal }: AdminCall) {
    const limit = query.limit ?? 50;
    const cursor = query.before === undefined ? undefined : parseAuditCursor(query.before);
    const page = await this.pages.page(principal.organizationId, { serviceAccountId: query.serviceAccountId, cursor, limit });
    // The same allow-listed CloudEvents records security teams read on the topic, with the store position.
    const items = page.events.map((event) => ({ position: event.position.toString(), ...defaultAuditMapping(event) }));
    return { items, next: page.next && formatAuditCursor(page.next) };
  }
}
