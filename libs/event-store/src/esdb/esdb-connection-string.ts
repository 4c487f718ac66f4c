import type { Credentials } from '@eventstore/db-client';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';

export interface NormalizedConnection {
  /** What the client is built from. */
  readonly connectionString: string;
  /**
   * Credentials passed on every append so that the 6.2.1 client takes unary Streams/Append rather than
   * BatchAppend (its batch path keeps one promise bank for every client in the process, has no call
   * deadline, and crashes on an answer for a correlation id another client's failure already rejected).
   * In insecure mode the client sends no credentials at all; undefined where only a certificate authenticates.
   */
  readonly appendCredentials: Credentials | undefined;
}

// Asked of each gossip seed in turn: a hung seed must not eat the whole call budget (the client's default is 5 s).
const GOSSIP_TIMEOUT_SECONDS = '1';

/**
 * Connection strings that keep working when a node is down. The 6.2.1 client's `esdb+discover://a,b,c`
 * asks only the first host ("More than one address provided for discovery. Using first", Client/index.js),
 * so several hosts are turned into the gossip-seed form `esdb://a,b,c`, whose discovery asks every seed,
 * the one that failed last. A single `esdb+discover://` host (one DNS name for the cluster) is kept.
 */
export function normalizeConnectionString(connectionString: string): NormalizedConnection {
  const parsed = parseConnectionString(connectionString);
  let normalized = connectionString;
  if (parsed.dnsDiscover && parsed.hosts.length > 1) normalized = normalized.replace(/^esdb\+discover:\/\//, 'esdb://');
  if (parsed.hosts.length > 1 && parsed.gossipTimeout === undefined)
    normalized = withQuery(normalized, 'gossipTimeout', GOSSIP_TIMEOUT_SECONDS);
  const insecure = parsed.tls === false;
  const appendCredentials = parsed.defaultCredentials ?? (insecure ? { username: 'keyward', password: '' } : undefined);
  return { connectionString: normalized, appendCredentials };
}

function withQuery(connectionString: string, key: string, value: string): string {
  return `${connectionString}${connectionString.includes('?') ? '&' : '?'}${key}=${value}`;
}
