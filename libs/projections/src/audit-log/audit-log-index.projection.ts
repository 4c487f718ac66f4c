import type { GlobalPosition, RecordedEvent } from '@keyward/event-store';
import type { Projection } from '../runner/projection';

/**
 * Positions of each organization's events (and of each service account's), newest last, so the
 * audit API pages through the store itself without scanning $all. Positions only: the events stay in the store.
 */
export class AuditLogIndexProjection implements Projection {
  readonly name = 'audit-log-index';
  private readonly byOrganization = new Map<string, GlobalPosition[]>();
  private readonly byServiceAccount = new Map<string, GlobalPosition[]>();

  apply(event: RecordedEvent): void {
    if (event.streamName.startsWith('checkpoint_')) return;
    const organizationId = event.metadata.organizationId;
    if (typeof organizationId !== 'string') return;
    push(this.byOrganization, organizationId, event.position);
    const serviceAccountId = (event.data as { serviceAccountId?: unknown } | null)?.serviceAccountId;
    if (typeof serviceAccountId === 'string') push(this.byServiceAccount, `${organizationId}/${serviceAccountId}`, event.position);
  }

  /** Up to `limit` positions strictly before `before`, newest first. */
  page(organizationId: string, options: { serviceAccountId?: string; before?: GlobalPosition; limit: number }): GlobalPosition[] {
    const positions = options.serviceAccountId
      ? this.byServiceAccount.get(`${organizationId}/${options.serviceAccountId}`)
      : this.byOrganization.get(organizationId);
    if (!positions) return [];
    let end = positions.length;
    if (options.before !== undefined) end = lowerBound(positions, options.before);
    return positions.slice(Math.max(0, end - options.limit), end).reverse();
  }
}

function push(index: Map<string, GlobalPosition[]>, key: string, position: GlobalPosition): void {
  const list = index.get(key);
  if (list) list.push(position);
  else index.set(key, [position]);
}

/** First index whose position is >= target (positions are sorted ascending). */
function lowerBound(positions: readonly GlobalPosition[], target: GlobalPosition): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
