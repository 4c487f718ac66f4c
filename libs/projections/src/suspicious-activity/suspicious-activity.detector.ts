import type { OrganizationPolicy, SuspiciousActivityReason, TokenIssuanceEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import { mapsRestart } from '../snapshot/maps-restart';
import { sourceNetwork } from '../credential-usage/source-network';
import { timestampMillis } from '../runner/timestamp-millis';

const DAY_MS = 24 * 3600 * 1000;
export const REFUSAL_BURST_WINDOW_MS = 10 * 60 * 1000;
// Known networks per credential: past this, new ones are no longer "new" (a credential used from that
// many places is already a shared_use finding of the hygiene report).
const MAX_KNOWN_NETWORKS = 256;
// Events older than this when they are applied (a replay at start) are learned from, never reported.
const REPORT_ONLY_WITHIN_MS = 15 * 60 * 1000;

export interface Detection {
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly credentialId: string;
  readonly reason: SuspiciousActivityReason;
  readonly facts: { readonly sourceNetwork?: string; readonly refusals?: number; readonly idleDays?: number };
}

/**
 * Watches token issuance and refusals per credential, with the org policy's thresholds: a new source
 * network after the learning period, a burst of refusals, a token after a long idle time. Detections
 * queue for the server to record (the decider keeps them to one per credential and reason per day).
 */
export class SuspiciousActivityDetector implements Projection {
  readonly name = 'suspicious-activity';
  private readonly firstUsed = new Map<string, number>();
  private readonly lastUsed = new Map<string, number>();
  private readonly networks = new Map<string, Set<string>>();
  private readonly refusals = new Map<string, { atMs: number; count: number }[]>();
  readonly restart = mapsRestart({ firstUsed: this.firstUsed, lastUsed: this.lastUsed, networks: this.networks, refusals: this.refusals });
  private pending: Detection[] = [];

  constructor(
    private readonly policyOf: (organizationId: string) => OrganizationPolicy,
    private readonly now: () => Date,
  ) {}

  /** Detections since the last call. */
  drain(): Detection[] {
    const drained = this.pending;
    this.pending = [];
    return drained;
  }

  apply(recorded: RecordedEvent): void {
    if (!recorded.streamName.startsWith('token_issuance-')) return;
    const event = asDomainEvent<TokenIssuanceEvent>(recorded);
    // By the event's own time (the server's clock when it was recorded), not the store's.
    const recent = (at: string) => this.now().getTime() - timestampMillis(at) <= REPORT_ONLY_WITHIN_MS;
    if (event.type === 'AccessTokenIssued') {
      const { organizationId, serviceAccountId, credentialId, issuedAt, sourceIp } = event.data;
      const atMs = timestampMillis(issuedAt);
      const report = recent(issuedAt);
      const policy = this.policyOf(organizationId);
      const ref = { organizationId, serviceAccountId, credentialId };
      const last = this.lastUsed.get(credentialId);
      if (report && last !== undefined && policy.suspiciousIdleDays !== null && atMs - last >= policy.suspiciousIdleDays * DAY_MS) {
        this.pending.push({ ...ref, reason: 'use_after_long_idle', facts: { idleDays: Math.floor((atMs - last) / DAY_MS) } });
      }
      this.lastUsed.set(credentialId, atMs);
      if (!this.firstUsed.has(credentialId)) this.firstUsed.set(credentialId, atMs);
      const network = sourceNetwork(sourceIp);
      if (network === undefined) return;
      const known = this.networks.get(credentialId) ?? this.networks.set(credentialId, new Set()).get(credentialId)!;
      if (known.has(network) || known.size >= MAX_KNOWN_NETWORKS) return;
      const learnedFor = atMs - this.firstUsed.get(credentialId)!;
      if (
        report &&
        known.size > 0 &&
        policy.suspiciousNewNetworkAfterDays !== null &&
        learnedFor >= policy.suspiciousNewNetworkAfterDays * DAY_MS
      ) {
        this.pending.push({ ...ref, reason: 'new_source_network', facts: { sourceNetwork: network } });
      }
      known.add(network);
      return;
    }
    if (event.type !== 'TokenRequestRefused') return;
    const { organizationId, serviceAccountId, credentialId, refusedAt } = event.data;
    if (!organizationId || !serviceAccountId || !credentialId) return; // an unknown client belongs to no credential
    const threshold = this.policyOf(organizationId).suspiciousRefusalBurst;
    const atMs = Date.parse(refusedAt);
    const report = recent(refusedAt);
    // A window summary (hostile's aggregation) stands for `count` refusals.
    const inWindow = (this.refusals.get(credentialId) ?? []).filter((r) => atMs - r.atMs < REFUSAL_BURST_WINDOW_MS);
    inWindow.push({ atMs, count: event.data.count ?? 1 });
    const total = inWindow.reduce((sum, r) => sum + r.count, 0);
    if (report && threshold !== null && total >= threshold) {
      this.pending.push({ organizationId, serviceAccountId, credentialId, reason: 'refusal_burst', facts: { refusals: total } });
      this.refusals.delete(credentialId);
      return;
    }
    this.refusals.set(credentialId, inWindow);
  }
}
