import { Get, Inject, Query } from '@nestjs/common';
import { InvalidInput } from '@keyward/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { defaultAuditMapping } from '@keyward/audit';
import type { EventStore } from '@keyward/event-store';
import { AuditLogIndexProjection } from '@keyward/projections';
import { EVENT_STORE } from '../../../core/tokens';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';

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

  @ApiPropertyOptional({ description: 'the `position` of the last event of the previous page (newest first)' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'before must be a position from a previous page' })
  before?: string;
}

/** The recorded events, newest first, straight from the store: for admins without Kafka access. Never a secret or a digest. */
@AdminController('audit-events', 'audit')
export class ListAuditEventsController {
  constructor(
    private readonly index: AuditLogIndexProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @RequiresScope('read:audit-log')
  async list(@Query() query: ListAuditEventsQuery, @Caller() { principal }: AdminCall) {
    const limit = query.limit ?? 50;
    let before: bigint | undefined;
    try {
      before = query.before === undefined ? undefined : BigInt(query.before);
    } catch {
      throw new InvalidInput('before', 'must be a position');
    }
    const positions = this.index.page(principal.organizationId, { serviceAccountId: query.serviceAccountId, before, limit });
    // The same allow-listed CloudEvents records security teams read on the topic, with the store position for paging.
    const events = await this.store.readAt(positions);
    const items = events.flatMap((event) => (event ? [{ position: event.position.toString(), ...defaultAuditMapping(event) }] : []));
    return { items, next: positions.length === limit ? positions[positions.length - 1].toString() : null };
  }
}
