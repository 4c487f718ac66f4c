import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore } from '@keyward/event-store';
import { AuditRelay } from '../relay/audit-relay';
import { JsonlAuditSink } from '../sink/jsonl/jsonl-audit-sink';

export type RelayCostRequest = { readonly kind: 'measure' } | { readonly kind: 'stop' };
export interface RelayCostReply {
  /** Since the previous measure: this thread's CPU time, the records published and batches. */
  readonly cpuNs: number;
  readonly records: number;
  readonly batches: number;
}

/** The relay thread of relay-thread-cost.bench.ts: as audit-relay-worker.ts, without chain checkpoint signing. */
const { path, jsonl } = workerData as { path: string; jsonl: string };
const port = parentPort!;
const store = openSqliteEventStore({ path, liveCommitsFromThisProcess: true });
// RELAY_GATHER_MS: the relay's gatherMs (default: the relay's own).
const gatherMs = process.env.RELAY_GATHER_MS === undefined ? undefined : Number(process.env.RELAY_GATHER_MS);
const relay = new AuditRelay({ store, sink: new JsonlAuditSink(jsonl), reportIntervalMs: 0, gatherMs });
relay.start();

// The first field of schedstat: nanoseconds this thread ran on a CPU.
const cpuNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
let last = { cpuNs: cpuNs(), records: 0, batches: 0 };

port.on('message', (request: RelayCostRequest) => {
  if (request.kind === 'stop') {
    void relay
      .stop()
      .then(() => store.close())
      .then(() => port.postMessage(last));
    return;
  }
  // Wait for the store's head, then report what reaching it cost.
  void relay.waitUntilProcessed(undefined, 120_000).then(() => {
    const { recordsPublished, batchesPublished } = relay.metrics;
    const now = { cpuNs: cpuNs(), records: recordsPublished, batches: batchesPublished };
    port.postMessage({ cpuNs: now.cpuNs - last.cpuNs, records: now.records - last.records, batches: now.batches - last.batches });
    last = now;
  });
});
