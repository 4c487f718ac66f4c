// node -r @swc-node/register libs/event-store/src/sqlite/sqlite-append.bench.ts [appenders] [seconds per run] [runs]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from './sqlite-event-store';

const [appenders = 64, seconds = 2, runs = 5] = process.argv.slice(2).map(Number);

// Shaped like AccessTokenIssued on a token_issuance shard: no revision check, small payload.
function tokenIssued() {
  return {
    id: randomUUID(),
    type: 'AccessTokenIssued',
    data: { clientId: 'kw_ci_3hV9x', jti: randomUUID(), scopes: ['billing:read', 'billing:write'], expiresIn: 900 },
    metadata: { correlationId: randomUUID(), sourceIp: '10.1.2.3', schemaVersion: 1 },
  };
}

async function run(): Promise<{ perSecond: number; meanBatch: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  let transactions = 0;
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), onBatch: () => transactions++ });
  let appends = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: appenders }, async (_, worker) => {
      while (performance.now() < deadline) {
        await store.append(`token_issuance-${worker % 8}`, [tokenIssued()]);
        appends++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { perSecond: appends / elapsed, meanBatch: appends / transactions };
}

async function main(): Promise<void> {
  const results = [];
  for (let n = 0; n < runs; n++) {
    const result = await run();
    results.push(result);
    process.stdout.write(
      `run ${n + 1}: ${Math.round(result.perSecond)} appends/s, ${result.meanBatch.toFixed(1)} appends per transaction\n`,
    );
  }
  const sorted = results.map((result) => result.perSecond).sort((a, b) => a - b);
  process.stdout.write(`median of ${runs}, ${appenders} concurrent appenders: ${Math.round(sorted[Math.floor(runs / 2)]!)} appends/s\n`);
}

void main();
