// npm run bench:replay: what a jti claim costs on the embedded store, against the append every token
// request already makes (AccessTokenIssued), in the same run, interleaved. 64 requests in flight, as the
// token-endpoint bench drives. Prints medians of 3 rounds and the ratio.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type EventStore } from '@keyward/event-store';
import { EventStoreReplayGuard } from '@keyward/oauth';

const REQUESTS = 4000;
const IN_FLIGHT = 64;
const ROUNDS = 3;

async function drive(task: (i: number) => Promise<unknown>): Promise<{ perSecond: number; medianMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: REQUESTS / elapsed, medianMs: latencies[latencies.length >> 1]! };
}

const issued = (i: number) => ({
  id: randomUUID(),
  type: 'AccessTokenIssued',
  data: {
    jti: randomUUID(),
    clientId: 'kw_ci_bench',
    organizationId: 'org',
    scopes: ['read:reports'],
    expiresAt: new Date().toISOString(),
    n: i,
  },
  metadata: { schemaVersion: 1, actor: 'kw_ci_bench', sourceIp: '127.0.0.1', userAgent: 'bench' },
});

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-replay-bench-'));
  const store: EventStore = openSqliteEventStore({ path: join(dir, 'events.db') });
  const results: Record<string, { perSecond: number; medianMs: number }[]> = { append: [], claimOneOrg: [], claim16Orgs: [] };
  try {
    let round = 0;
    for (; round < ROUNDS; round++) {
      results.append!.push(await drive((i) => store.append('token_issuance-bench', [issued(i)])));
      const guard = new EventStoreReplayGuard({ store, clock: () => new Date(), maxPerOrganization: 1_000_000 });
      const until = () => new Date(Date.now() + 330_000);
      results.claimOneOrg!.push(
        await drive((i) => guard.claim({ organizationId: `one-${round}`, kind: 'dpop', scope: 'c', jti: `j${i}`, until: until() })),
      );
      results.claim16Orgs!.push(
        await drive((i) =>
          guard.claim({ organizationId: `org${i % 16}-${round}`, kind: 'dpop', scope: 'c', jti: `j${i}`, until: until() }),
        ),
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      { perSecond: Math.round(median(runs.map((r) => r.perSecond))), medianMs: +median(runs.map((r) => r.medianMs)).toFixed(2) },
    ]),
  );
  console.log(JSON.stringify({ requests: REQUESTS, inFlight: IN_FLIGHT, rounds: ROUNDS, ...summary }, null, 2));
  console.log(
    `claims/s vs appends/s: one org ${(summary.claimOneOrg!.perSecond / summary.append!.perSecond).toFixed(2)}x, 16 orgs ${(summary.claim16Orgs!.perSecond / summary.append!.perSecond).toFixed(2)}x`,
  );
}

void main();
