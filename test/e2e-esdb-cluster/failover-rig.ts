import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceAccountStream, tokenIssuanceStream } from '@keyward/domain';
import { openEsdbEventStore } from '@keyward/event-store/esdb/esdb-event-store';
import { EsdbCluster, type EsdbClusterOptions } from '@keyward/testing/esdb-double';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';
import { jtiOf, type Sample } from '../e2e-esdb/outage-load';

export interface FailoverRig {
  readonly cluster: EsdbCluster;
  readonly replicas: readonly KeywardUnderTest[];
  readonly orgId: string;
  readonly client: { clientId: string; clientSecret: string };
  readonly bearer: string;
  dispose(): Promise<void>;
}

/** A three-node cluster double and three keyward replicas on it (one DATA_DIR: the same pepper and keys). */
export async function startFailoverRig(options: EsdbClusterOptions = {}): Promise<FailoverRig> {
  const cluster = await EsdbCluster.start({ electionMs: 500, ...options });
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-failover-'));
  // Replicas behind one load balancer share one issuer: a token from one is good at the others.
  const env = { EVENT_STORE: 'esdb', EVENTSTORE_URL: cluster.connectionString, ISSUER: 'http://keyward.failover.test' };
  const replicas: KeywardUnderTest[] = [];
  for (let n = 0; n < 3; n++) replicas.push(await startKeyward({ dataDir, env }));
  const admin = await replicas[0]!.bootstrap('Failover Inc', 'enterprise');
  const client = { clientId: admin.clientId, clientSecret: admin.clientSecret };
  const bearer = await accessToken(replicas[0]!.baseUrl, client);
  return {
    cluster,
    replicas,
    orgId: admin.orgId,
    client,
    bearer,
    dispose: async () => {
      for (const replica of replicas) await replica.stop();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One HTTP call with its own timeout; a hung or dropped request is status 0, never mistaken for a refusal. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { form?: string; json?: unknown; basic?: { clientId: string; clientSecret: string }; bearer?: string },
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const headers: Record<string, string> = {};
  if (options.basic)
    headers.authorization = `Basic ${Buffer.from(`${options.basic.clientId}:${options.basic.clientSecret}`).toString('base64')}`;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const body = options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  try {
    const response = await fetch(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(20_000) });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    return { status: 0, body: { error: String(error) }, retryAfter: null };
  }
}

/** Every 200 token's jti and every created account is in the store, read back through a fresh client. */
export async function missingFromStore(rig: FailoverRig, samples: readonly Sample[]): Promise<{ tokens: string[]; accounts: string[] }> {
  const store = openEsdbEventStore({ connectionString: rig.cluster.connectionString, callTimeoutMs: 10_000, readTimeoutMs: 10_000 });
  try {
    const issued = new Set(
      (await store.readStream(tokenIssuanceStream(rig.orgId)))
        .filter((e) => e.type === 'AccessTokenIssued')
        .map((e) => (e.data as { jti: string }).jti),
    );
    const tokens = samples.filter((s) => s.kind === 'token' && s.status === 200).map((s) => jtiOf(s.body.access_token as string));
    const accounts: string[] = [];
    for (const created of samples.filter((s) => s.kind === 'admin' && s.status === 201)) {
      const events = await store.readStream(serviceAccountStream(created.body.id as string));
      if (!events.some((e) => e.type === 'ServiceAccountCreated')) accounts.push(created.body.id as string);
    }
    return { tokens: tokens.filter((jti) => !issued.has(jti)), accounts };
  } finally {
    await store.close();
  }
}

/** The accounts a replica's read model does not show (yet). */
export async function notShownBy(replica: KeywardUnderTest, bearer: string, ids: readonly string[]): Promise<string[]> {
  const api = adminApi(replica.baseUrl, bearer);
  const missing: string[] = [];
  for (const id of ids) if ((await api('GET', `/service-accounts/${id}`)).status !== 200) missing.push(id);
  return missing;
}

/** Figures of a run: the 503 window around the fault and token latencies while it lasted. */
export function figures(samples: readonly Sample[], faultAt: number): Record<string, number> {
  const tokens = samples.filter((s) => s.kind === 'token');
  const refused = tokens.filter((s) => s.status === 503 && s.endedAt >= faultAt);
  const lastRefusal = Math.max(...refused.map((s) => s.endedAt), faultAt);
  const firstRefusal = Math.min(...refused.map((s) => s.startedAt), lastRefusal);
  const during = tokens
    .filter((s) => s.startedAt >= faultAt && s.startedAt <= lastRefusal)
    .map((s) => s.endedAt - s.startedAt)
    .sort((a, b) => a - b);
  const percentile = (p: number) => during[Math.min(during.length - 1, Math.floor((p / 100) * during.length))] ?? 0;
  return {
    tokenRequests: tokens.length,
    token200: tokens.filter((s) => s.status === 200).length,
    token503: tokens.filter((s) => s.status === 503).length,
    window503Ms: refused.length === 0 ? 0 : lastRefusal - firstRefusal,
    faultToFirst503Ms: refused.length === 0 ? 0 : firstRefusal - faultAt,
    p50DuringMs: percentile(50),
    p99DuringMs: percentile(99),
    maxDuringMs: during.at(-1) ?? 0,
  };
}
