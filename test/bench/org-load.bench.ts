/**
 * `npm run bench:org-load`: the review's 10,000-scope organization (more than the 500 scopes a new one
 * may define, as an organization from before the cap can hold): time to read its stream from SQLite and
 * fold it, event by event (evolve) and linearly (fold), and the longest the event loop was blocked while
 * loading it and while running one admin command on it (goal: at most 50 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { foldOrganization, organizationDecider, organizationStream, type OrganizationEvent } from '@keyward/domain';
import { openSqliteEventStore } from '@keyward/event-store';
import { AggregateStore, NO_READ_MODELS } from '@keyward/application';

const SCOPES = Number(process.env.BENCH_SCOPES ?? 10_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-org-load-'));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const organizationId = '00000000-0000-4000-8000-000000000001';
  const stream = organizationStream(organizationId);
  const envelope = (event: OrganizationEvent) => ({
    id: crypto.randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { actor: 'bench', schemaVersion: 1 },
  });
  await store.append(
    stream,
    [
      envelope({
        type: 'OrganizationCreated',
        data: { organizationId, name: 'Big', plan: 'enterprise', createdAt: new Date().toISOString() },
      }),
    ],
    { expectedRevision: 'any' },
  );
  for (let i = 0; i < SCOPES; i += 500) {
    const batch = Array.from({ length: Math.min(500, SCOPES - i) }, (_, j) =>
      envelope({ type: 'ScopeDefined', data: { organizationId, name: `read:resource-${i + j}`, description: `Resource ${i + j}` } }),
    );
    await store.append(stream, batch as never, { expectedRevision: 'any' });
  }
  const timings: Record<string, number[]> = { read: [], evolve: [], fold: [], load: [], command: [] };
  for (let round = 0; round < 5; round++) {
    let t = performance.now();
    const events = (await store.readStream(stream)).map((e) => ({ type: e.type, data: e.data }) as OrganizationEvent);
    timings.read.push(performance.now() - t);
    t = performance.now();
    if (round < 2) events.reduce(organizationDecider.evolve, organizationDecider.initialState);
    if (round < 2) timings.evolve.push(performance.now() - t);
    t = performance.now();
    foldOrganization(events);
    timings.fold.push(performance.now() - t);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // What an admin command does: AggregateStore.load (paged reads, each page folded as it comes), decide, append,
  // watched by the event-loop monitor (1 ms resolution: it sees every synchronous stretch, and GC pauses).
  const aggregates = new AggregateStore(store, NO_READ_MODELS, () => new Date());
  const context = { actor: 'bench', correlationId: 'bench' };
  const blocks: Record<string, number[]> = { load: [], command: [], loadCpu: [], commandCpu: [] };
  // On a busy machine the wall-clock block also holds the time the OS gave other processes. The CPU this
  // process spent between two turns of the loop is what its own code (and its GC) held the loop for; it
  // counts the SQLite writer thread and GC helpers too, so it errs high.
  const cpuBetweenTurns = () => {
    let last = process.cpuUsage();
    let longest = 0;
    let running = true;
    const turn = () => {
      const now = process.cpuUsage();
      longest = Math.max(longest, (now.user - last.user + now.system - last.system) / 1000);
      last = now;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    return () => ((running = false), longest);
  };
  const watched = async (run: () => Promise<unknown>): Promise<{ ms: number; blockMs: number; cpuBlockMs: number }> => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const stopTurns = cpuBetweenTurns();
    const t = performance.now();
    await run();
    const ms = performance.now() - t;
    // One more turn of the loop, so that a block at the very end is seen too.
    await new Promise((resolve) => setTimeout(resolve, 2));
    histogram.disable();
    return { ms, blockMs: histogram.max / 1e6, cpuBlockMs: stopTurns() };
  };
  for (let round = 0; round < 7; round++) {
    const load = await watched(() => aggregates.load(stream, organizationDecider));
    timings.load.push(load.ms);
    blocks.load.push(load.blockMs);
    blocks.loadCpu.push(load.cpuBlockMs);
    const command = await watched(() =>
      aggregates.execute(
        stream,
        organizationDecider,
        { type: 'ReserveServiceAccountSlot', serviceAccountId: crypto.randomUUID(), name: `bench-${round}` },
        context,
      ),
    );
    timings.command.push(command.ms);
    blocks.command.push(command.blockMs);
    blocks.commandCpu.push(command.cpuBlockMs);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = (values: number[]) => `median ${median(values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  console.log(`organization stream of ${SCOPES + 1} events (SQLite), medians over rounds (load average ${loadavg()[0].toFixed(1)}):`);
  console.log(
    `  read ${median(timings.read).toFixed(1)} ms, fold event by event (evolve, before) ${median(timings.evolve).toFixed(1)} ms, linear fold ${median(timings.fold).toFixed(1)} ms`,
  );
  console.log(`  AggregateStore.load ${median(timings.load).toFixed(1)} ms`);
  console.log(`    longest event-loop block (wall clock): ${ms(blocks.load)}; in CPU between two turns: ${ms(blocks.loadCpu)}`);
  console.log(`  one admin command (ReserveServiceAccountSlot: load, decide, append) ${median(timings.command).toFixed(1)} ms`);
  console.log(`    longest event-loop block (wall clock): ${ms(blocks.command)}; in CPU between two turns: ${ms(blocks.commandCpu)}`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
