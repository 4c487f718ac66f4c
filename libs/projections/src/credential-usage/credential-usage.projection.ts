import type { ServiceAccountEvent, TokenIssuanceEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import { timestampMillis } from '../runner/timestamp-millis';
import { mapsRestart } from '../snapshot/maps-restart';
import { sourceNetwork } from './source-network';

const DAY_MS = 24 * 3600 * 1000;
/** The longest report window (365 days) and one day more: older days are dropped as new ones come. */
export const USAGE_DAYS_KEPT = 366;
// Per credential and day. Past these, a day only says "at least this many": enough for the shared-use
// finding, and a client spraying addresses costs a bounded amount.
export const MAX_NETWORKS_PER_DAY = 64;
export const MAX_USER_AGENTS_PER_DAY = 16;
const MAX_USER_AGENT_LENGTH = 200;

/** What one credential did on one UTC day: the compact usage a report needs, never a token or a jti. */
export interface UsageDay {
  tokens: number;
  readonly scopes: Set<string>;
  readonly networks: Set<string>;
  readonly userAgents: Set<string>;
}

export interface UsageSummary {
  readonly tokens: number;
  readonly scopes: ReadonlySet<string>;
  readonly networks: ReadonlySet<string>;
  readonly userAgents: ReadonlySet<string>;
}

/**
 * Usage per credential in day buckets, built incrementally from AccessTokenIssued as the subscription
 * delivers it, and restarted from the read-model snapshot: a report reads this, never the token history.
 * Memory is bounded per credential (366 days × capped sets), not by the number of tokens issued.
 */
export class CredentialUsageProjection implements Projection {
  readonly name = 'credential-usage';
  /** credentialId → UTC day number → usage. */
  private readonly usage = new Map<string, Map<number, UsageDay>>();
  readonly restart = mapsRestart({ usage: this.usage });

  apply(recorded: RecordedEvent): void {
    if (recorded.streamName.startsWith('service_account-')) {
      const event = asDomainEvent<ServiceAccountEvent>(recorded);
      if (event.type === 'CredentialRevoked' || event.type === 'CredentialExpired') this.usage.delete(event.data.credentialId);
      return;
    }
    if (!recorded.streamName.startsWith('token_issuance-')) return;
    const event = asDomainEvent<TokenIssuanceEvent>(recorded);
    if (event.type !== 'AccessTokenIssued') return;
    const { credentialId, scopes, sourceIp, userAgent, issuedAt } = event.data;
    const day = Math.floor(timestampMillis(issuedAt) / DAY_MS);
    const days = this.usage.get(credentialId) ?? this.usage.set(credentialId, new Map()).get(credentialId)!;
    let bucket = days.get(day);
    if (!bucket) {
      bucket = { tokens: 0, scopes: new Set(), networks: new Set(), userAgents: new Set() };
      days.set(day, bucket);
      for (const old of days.keys()) if (old <= day - USAGE_DAYS_KEPT) days.delete(old);
    }
    bucket.tokens++;
    for (const scope of scopes) bucket.scopes.add(scope);
    const network = sourceNetwork(sourceIp);
    if (network && bucket.networks.size < MAX_NETWORKS_PER_DAY) bucket.networks.add(network);
    if (userAgent && bucket.userAgents.size < MAX_USER_AGENTS_PER_DAY) bucket.userAgents.add(userAgent.slice(0, MAX_USER_AGENT_LENGTH));
  }

  /** Usage of a credential from the start of the day `windowDays` before `now` to now. */
  summary(credentialId: string, now: Date, windowDays: number): UsageSummary {
    const today = Math.floor(now.getTime() / DAY_MS);
    const summary = { tokens: 0, scopes: new Set<string>(), networks: new Set<string>(), userAgents: new Set<string>() };
    for (const [day, bucket] of this.usage.get(credentialId) ?? []) {
      if (day <= today - windowDays || day > today) continue;
      summary.tokens += bucket.tokens;
      for (const scope of bucket.scopes) summary.scopes.add(scope);
      for (const network of bucket.networks) summary.networks.add(network);
      for (const agent of bucket.userAgents) summary.userAgents.add(agent);
    }
    return summary;
  }
}
