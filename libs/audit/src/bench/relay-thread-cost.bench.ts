/**
 * What the embedded relay thread costs per record: CPU of one worker thread running AuditRelay on a
 * SQLite store opened with liveCommitsFromThisProcess (as the server's relay thread does), to
 * DATA_DIR/audit.jsonl, while this thread appends AccessTokenIssued events as the token endpoint does
 * (one event per append, `wave` appends per event-loop turn: one group commit), `rate` events a second.
 *   node -r @swc-node/register libs/audit/src/bench/relay-thread-cost.bench.ts [events=20000] [rounds=3] [rate=4000] [wave=32]
 * RELAY_GATHER_MS sets the relay's gatherMs (how long a busy relay gathers a batch).
 * Prints, per round, the relay thread's CPU µs per event (from /proc/thread-self/schedstat) and its batches.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSqliteEventStore, type EventToAppend } from '@keyward/event-store';
import type { RelayCostReply, RelayCostRequest } from './relay-thread-cost.worker';

const [EVENTS = 20_000, ROUNDS = 3, RATE = 4000, WAVE = 32] = process.argv.slice(2).map(Number);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-relay-cost-'));
  const path = join(dir, 'events.sqlite');
  const store = openSqliteEventStore({ path });
  await append(store, 1); // the schema exists before the relay's store opens the file
  const worker = new Worker(join(__dirname, 'relay-thread-cost.worker.ts'), {
    workerData: { path, jsonl: join(dir, 'audit.jsonl') },
    execArgv: ['-r', '@swc-node/register'],
  });
  const ask = requester(worker);
  try {
    await append(store, 2000);
    await ask({ kind: 'measure' }); // warm-up: the relay's code optimized, its checkpoint stream open
    const perEvent: number[] = [];
    const processUs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await ask({ kind: 'measure' });
      const before = process.cpuUsage();
      await append(store, EVENTS);
      const { cpuNs, records, batches } = await ask({ kind: 'measure' });
      const { user, system } = process.cpuUsage(before);
      perEvent.push(cpuNs / 1000 / records);
      processUs.push((user + system) / records);
      console.log(
        `round ${round}: relay thread ${(cpuNs / 1000 / records).toFixed(1)} µs/record (whole process ${((user + system) / records).toFixed(1)}), ${records} records in ${batches} batches`,
      );
    }
    console.log(
      `median: relay thread ${median(perEvent).toFixed(1)} µs/record, process ${median(processUs).toFixed(1)} (${ROUNDS} rounds × ${EVENTS}, ${RATE}/s, ${WAVE} per group commit)`,
    );
  } finally {
    await ask({ kind: 'stop' });
    await worker.terminate();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function append(store: ReturnType<typeof openSqliteEventStore>, count: number): Promise<void> {
  const started = performance.now();
  for (let sent = 0; sent < count; sent += WAVE) {
    const wave = Array.from({ length: Math.min(WAVE, count - sent) }, (_, i) => {
      const organizationId = `org-${(sent + i) % 8}`;
      return store.append(`token_issuance-${organizationId}`, [accessTokenIssued(organizationId)], { expectedRevision: 'any' });
    });
    await Promise.all(wave);
    const due = started + ((sent + WAVE) * 1000) / RATE;
    const ahead = due - performance.now();
    if (ahead > 0) await new Promise((resume) => setTimeout(resume, ahead));
  }
}

/** What StoreTokenIssuanceRecorder appends for a client_secret_basic grant. */
function accessTokenIssued(organizationId: string): EventToAppend {
  const now = new Date();
  const serviceAccountId = `sa-${organizationId}`;
  const correlationId = randomUUID();
  return {
    id: randomUUID(),
    type: 'AccessTokenIssued',
    data: {
      jti: randomUUID(),
      organizationId,
      serviceAccountId,
      credentialId: `cred-${organizationId}`,
      clientId: `kw_ci_4hWq0lRmVf2bJc8sXo1Z3a${organizationId}`,
      scopes: ['read:invoices', 'write:invoices'],
      audience: 'https://api.example.com',
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
      sourceIp: '127.0.0.1',
      userAgent: 'autocannon/7',
      grantType: 'client_credentials',
      tokenType: 'Bearer',
      authMethod: 'client_secret_basic',
      kid: 'kw-2026-12-01-es256',
    },
    metadata: {
      actor: `service_account:${serviceAccountId}`,
      organizationId,
      sourceIp: '127.0.0.1',
      userAgent: 'autocannon/7',
      correlationId,
      occurredAt: now.toISOString(),
      schemaVersion: 1,
    },
  };
}

function requester(worker: Worker): (request: RelayCostRequest) => Promise<RelayCostReply> {
  const waiting: ((reply: RelayCostReply) => void)[] = [];
  worker.on('message', (reply: RelayCostReply) => waiting.shift()?.(reply));
  worker.on('error', (error) => console.error('relay thread failed:', error));
  return (request) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      worker.postMessage(request);
    });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
