import { Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { defaultAuditMapping } from '@keyward/audit';
import type { EventStore, RecordedEvent } from '@keyward/event-store';
import { AuditLogIndexProjection } from '@keyward/projections';
import { EVENT_STORE } from '@keyward/application';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { AuditEventPages } from './audit-event-pages';
import { AUDIT_CURSOR_PATTERN, formatAuditCursor, parseAuditCursor } from './audit-page-cursor';

export class ListAuditEventsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceAccountId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    pattern: AUDIT_CURSOR_PATTERN.source,
    description: 'opaque cursor: the `next` of the previous page (newest first); build none yourself',
  })
  @IsOptional()
  @Matches(AUDIT_CURSOR_PATTERN, { message: 'before must be the next of a previous page' })
  before?: string;

  @ApiPropertyOptional({
    description:
      'only records of this CloudEvents type (keyward.client_secret.rotated.v1); a request then reads at most 10 pages, so it may hold fewer than `limit` items and still have a `next`',
  })
  @IsOptional()
  @Matches(/^keyward\.[a-z0-9_.]{1,100}$/, {
    message: 'type must be a keyward CloudEvents type such as keyward.service_account.created.v1',
  })
  type?: string;
}

/** A type-filtered request reads at most this many pages (each bounded by AuditEventPages), so any filter costs a bounded amount. */
const TYPE_FILTER_PAGES = 10;

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
    // The same allow-listed CloudEvents records security teams read on the topic, with the store position.
    const record = (event: RecordedEvent) => ({ position: event.position.toString(), ...defaultAuditMapping(event) });
    if (query.type === undefined) {
      const page = await this.pages.page(principal.organizationId, { serviceAccountId: query.serviceAccountId, cursor, limit });
      return { items: page.events.map(record), next: page.next && formatAuditCursor(page.next) };
    }
    // By type: pages of at most the matches still missing, so the matches never overflow `limit` and the
    // cursor stays exact; at most TYPE_FILTER_PAGES pages a request (then fewer items, still a `next`).
    const items: ReturnType<typeof record>[] = [];
    let next = cursor;
    for (let pages = 0; items.length < limit && pages < TYPE_FILTER_PAGES; pages++) {
      const page = await this.pages.page(principal.organizationId, {
        serviceAccountId: query.serviceAccountId,
        cursor: next,
        limit: limit - items.length,
      });
      items.push(...page.events.map(record).filter((item) => item.type === query.type));
      if (!page.next) return { items, next: null };
      next = page.next;
    }
    return { items, next: next && formatAuditCursor(next) };
  }
}
