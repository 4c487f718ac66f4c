import { tokenIssuanceStream } from '@keyward/domain';
import type { EventStore, GlobalPosition, RecordedEvent } from '@keyward/event-store';
import type { AuditLogIndexProjection } from '@keyward/projections';
import type { AuditPageCursor } from './audit-page-cursor';

export interface AuditEventPage {
  readonly events: readonly RecordedEvent[];
  readonly next: AuditPageCursor | null;
}

/** Token events looked at per request at most: a filter that matches little costs a bounded read, and the page says where to go on. */
const SCAN_BUDGET = 2000;
const READ_BATCH = 500;

/**
 * An organization's audit trail, newest first, read from the store: its entity events at the positions
 * the audit index keeps (entity history only: small, kept forever), merged with its token history read
 * backwards from `token_issuance-{organizationId}` itself (the bulk; nothing about it is held in memory).
 * With a service-account filter the token history is filtered as it is read, within SCAN_BUDGET events
 * a page; a page cut short by the budget has fewer items but still a `next`.
 */
export class AuditEventPages {
  constructor(
    private readonly index: AuditLogIndexProjection,
    private readonly store: EventStore,
  ) {}

  async page(
    organizationId: string,
    options: { serviceAccountId?: string; cursor?: AuditPageCursor; limit: number },
  ): Promise<AuditEventPage> {
    const { serviceAccountId, cursor, limit } = options;
    const entityPositions = this.index.page(organizationId, { serviceAccountId, before: cursor?.before, limit });
    const tokens = await this.scanTokens(organizationId, serviceAccountId, cursor, limit);
    // Entity events older than the oldest token event looked at must wait: unread token events may be newer.
    const frontier = tokens.exhausted ? undefined : tokens.scanned[tokens.scanned.length - 1]?.position;
    const entities = (await this.store.readAt(entityPositions)).filter((event): event is RecordedEvent => event !== undefined);
    const candidates = [...entities, ...tokens.matching]
      .filter((event) => frontier === undefined || event.position >= frontier)
      .sort(newestFirst);
    const events = candidates.slice(0, limit);
    const more = !tokens.exhausted || candidates.length > limit || entityPositions.length === limit;
    if (!more) return { events, next: null };
    const last: GlobalPosition | undefined = events[events.length - 1]?.position ?? frontier;
    if (last === undefined) return { events, next: null };
    // The token read resumes at the first event older than the page's last item: newer ones were emitted or filtered out.
    const resume = tokens.scanned.find((event) => event.position < last);
    return { events, next: { before: last, tokenRevision: resume ? resume.revision : tokens.continueAt } };
  }

  private async scanTokens(
    organizationId: string,
    serviceAccountId: string | undefined,
    cursor: AuditPageCursor | undefined,
    limit: number,
  ) {
    const stream = tokenIssuanceStream(organizationId);
    const scanned: RecordedEvent[] = [];
    const matching: RecordedEvent[] = [];
    let from: number | 'end' | undefined = cursor?.tokenRevision;
    while (from !== 'end' && matching.length < limit && scanned.length < SCAN_BUDGET) {
      const batch = await this.store.readStream(stream, { direction: 'backwards', fromRevision: from, maxCount: READ_BATCH });
      for (const event of batch) {
        // A bare-position cursor: skip what the earlier pages already showed.
        if (cursor !== undefined && event.position >= cursor.before) continue;
        scanned.push(event);
        if (serviceAccountId === undefined || (event.data as { serviceAccountId?: unknown } | null)?.serviceAccountId === serviceAccountId)
          matching.push(event);
      }
      const oldest = batch[batch.length - 1];
      from = batch.length < READ_BATCH || !oldest || oldest.revision === 0 ? 'end' : oldest.revision - 1;
    }
    return { scanned, matching, exhausted: from === 'end', continueAt: from ?? ('end' as const) };
  }
}

const newestFirst = (a: RecordedEvent, b: RecordedEvent) => (a.position > b.position ? -1 : a.position < b.position ? 1 : 0);
