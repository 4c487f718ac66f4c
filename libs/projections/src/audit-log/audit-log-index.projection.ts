import type { GlobalPosition, RecordedEvent } from '@keyward/event-store';
import type { Projection } from '../runner/projection';
import { mapsRestart } from '../snapshot/maps-restart';

/**
 * Positions of each organization's entity events (and of each service account's), newest last, so the
 * audit API reads them from the store without scanning $all. Positions only: the events stay in the store.
 * Token history is not indexed: the audit API reads it backwards from `token_issuance-{org}` itself, so
 * this index grows with admin activity (kept forever anyway), never with the tokens issued.
 * Kept as doubles (8 bytes each in V8's packed arrays, against ~24 for a bigint): positions stay far below
 * 2^53 (SQLite rowids; EventStoreDB byte offsets up to 9 PB).
 */
const TOKEN_HISTORY_PREFIX = 'token_issuance-';

export class AuditLogIndexProjection implements Projection {
  readonly name = 'audit-log-index';
  private readonly byOrganization = new Map<string, number[]>();
  private readonly byServiceAccount = new Map<string, number[]>();
  readonly restart = mapsRestart({ byOrganization: this.byOrganization, byServiceAccount: this.byServiceAccount });

  apply(event: RecordedEvent): void {
    if (event.streamName.startsWith('checkpoint_') || event.streamName.startsWith(TOKEN_HISTORY_PREFIX)) return;
    const organizationId = event.metadata.organizationId;
    if (typeof organizationId !== 'string') return;
    const position = Number(event.position);
    push(this.byOrganization, organizationId, position);
    const serviceAccountId = (event.data as { serviceAccountId?: unknown } | null)?.serviceAccountId;
    if (typeof serviceAccountId === 'string') push(this.byServiceAccount, `${organizationId}/${serviceAccountId}`, position);
  }

  /** Up to `limit` positions strictly before `before`, newest first. */
  page(organizationId: string, options: { serviceAccountId?: string; before?: GlobalPosition; limit: number }): GlobalPosition[] {
    const positions = options.serviceAccountId
      ? this.byServiceAccount.get(`${organizationId}/${options.serviceAccountId}`)
      : this.byOrganization.get(organizationId);
    if (!positions) return [];
    let end = positions.length;
    if (options.before !== undefined) end = lowerBound(positions, Number(options.before));
    return positions
      .slice(Math.max(0, end - options.limit), end)
      .reverse()
      .map(BigInt);
  }
}

function push(index: Map<string, number[]>, key: string, position: number): void {
  const list = index.get(key);
  if (list) list.push(position);
  else index.set(key, [position]);
}

/** First index whose position is >= target (positions are sorted ascending). */
function lowerBound(positions: readonly number[], target: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
