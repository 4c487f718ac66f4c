// node -r @swc-node/register libs/event-store/src/bench/sqlite-store-cpu.bench.ts
// CPU per append of the embedded store, by thread (/proc), for issued-token-shaped events on one token_issuance
// stream with `APPENDERS` in flight (24: about the server's batch in `npm run bench`), a subscriber on the
// appending thread that reads each event (the read models) and a live-commit listener on another (the relay),
// which also commits a checkpoint every `CHECKPOINT_MS` (150; the server's relay: about 5 – 10 a second).
// STORE_TREES='{"before":"/path/to/old/worktree","after":"."}' compares the stores of several trees in one
// process, rounds interleaved, and prints medians.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventToAppend } from '../port/event-store.port';
import type { SqliteEventStore } from '../sqlite/sqlite-event-store';

const trees = JSON.parse(process.env.STORE_TREES ?? '{"this":"."}') as Record<string, string>;
const appenders = Number(process.env.APPENDERS ?? 24);
const appendsPerRound = Number(process.env.APPENDS ?? 30_000);
const rounds = Number(process.env.ROUNDS ?? 7);
const checkpointEveryMs = Number(process.env.CHECKPOINT_MS ?? 150);
const TICK_US = 1_000_000 / 100; // /proc/…/stat counts clock ticks of 10 ms

const listenerThreads = new Set<string>();

function cpuTicks(): { main: number; writer: number; listener: number } {
  const ticks = { main: 0, writer: 0, listener: 0 };
  for (const thread of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = Number(fields[11]) + Number(fields[12]);
    // Besides the writer, V8's helper threads (GC) count here: a store's garbage is its cost too.
    if (Number(thread) === process.pid) ticks.main += used;
    else if (listenerThreads.has(thread)) ticks.listener += used;
    else ticks.writer += used;
  }
  return ticks;
}

function tokenIssued(newId: () => string, index: number): EventToAppend {
  const at = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const sourceIp = `10.1.2.${index % 200}`;
  const data = {
    jti: randomUUID(),
    organizationId: 'org_01JBENCH0000000000000000',
    serviceAccountId: 'sa_01JBENCH0000000000000000',
    credentialId: 'cred_01JBENCH00000000000000',
    clientId: 'kw_ci_3hV9xAbCdEfGhIjKlMn',
    scopes: ['billing:read', 'billing:write'],
    audience: 'https://api.example.com',
    issuedAt: at,
    expiresAt: at,
    sourceIp,
    userAgent: 'autocannon/7.15.0',
    grantType: 'client_credentials',
    tokenType: 'Bearer',
    authMethod: 'client_secret_basic',
    kid: 'key_kkkkkkkkkkkkkkkk',
  };
  const metadata = {
    actor: `service_account:${data.serviceAccountId}`,
    organizationId: data.organizationId,
    sourceIp,
    userAgent: data.userAgent,
    correlationId: randomUUID(),
    occurredAt: at,
    schemaVersion: 1,
  };
  return { id: newId(), type: 'AccessTokenIssued', data, metadata };
}

/**
 * The server's store sees some thirty event types, each data of its own shape: appended once before the rounds,
 * they leave the store's code as polymorphic as it is in the server, not tuned to the one shape measured.
 */
async function appendOtherShapes(store: SqliteEventStore, newId: () => string): Promise<void> {
  const shapes = Array.from({ length: 24 }, (_, index) => ({
    [`member${index}`]: index,
    organizationId: 'org_01JBENCH0000000000000000',
    ...(index % 2 ? { scopes: ['a', 'b'] } : { nested: { at: index } }),
    [`last${index % 5}`]: 'text',
  }));
  await Promise.all(
    shapes.map((data, index) =>
      store.append(`other-${index}`, [{ id: newId(), type: `Other${index}`, data, metadata: { schemaVersion: 1 } }]),
    ),
  );
}

interface Target {
  readonly name: string;
  readonly store: SqliteEventStore;
  readonly dir: string;
  readonly listener: Worker;
  readonly newId: () => string;
  delivered: number;
  /** What the subscriber read, kept so its reads are not optimised away. */
  readLength: number;
}

async function open(name: string, tree: string): Promise<Target> {
  const storeModule = join(resolve(tree), 'libs/event-store/src/sqlite/sqlite-event-store.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openSqliteEventStore } = require(storeModule) as typeof import('../sqlite/sqlite-event-store');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { newEventId } = require(join(resolve(tree), 'libs/event-store/src/port/event-id.ts')) as typeof import('../port/event-id');
  const dir = mkdtempSync(join(tmpdir(), 'keyward-store-cpu-'));
  const path = join(dir, 'events.sqlite');
  const store = openSqliteEventStore({ path });
  const listener = new Worker(join(__dirname, 'sqlite-store-cpu.worker.ts'), {
    workerData: { storeModule, path, checkpointEveryMs },
    execArgv: ['-r', '@swc-node/register'],
  });
  listenerThreads.add(await new Promise<string>((ready) => listener.once('message', ready)));
  const target: Target = { name, store, dir, listener, newId: newEventId, delivered: 0, readLength: 0 };
  await appendOtherShapes(store, newEventId);
  store.subscribeToAll(
    {},
    {
      onEvent: (event) => {
        if (event.type !== 'AccessTokenIssued') return;
        target.delivered++;
        const data = event.data as { scopes: string[]; credentialId: string };
        target.readLength += data.scopes.length + data.credentialId.length + String(event.metadata.sourceIp).length;
      },
    },
  );
  return target;
}

async function round(target: Target, appends: number): Promise<{ main: number; writer: number; listener: number; perSecond: number }> {
  const events = Array.from({ length: appends }, (_, index) => tokenIssued(target.newId, index));
  const until = target.delivered + appends;
  let next = 0;
  const before = cpuTicks();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: appenders }, async () => {
      while (next < events.length) await target.store.append('token_issuance-org_01JBENCH', [events[next++]!], { expectedRevision: 'any' });
    }),
  );
  while (target.delivered < until) await new Promise((resolve) => setImmediate(resolve));
  const seconds = (performance.now() - started) / 1000;
  const after = cpuTicks();
  const perAppend = (key: 'main' | 'writer' | 'listener') => ((after[key] - before[key]) * TICK_US) / appends;
  return { main: perAppend('main'), writer: perAppend('writer'), listener: perAppend('listener'), perSecond: appends / seconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const targets: Target[] = [];
  for (const [name, tree] of Object.entries(trees)) targets.push(await open(name, tree));
  for (const target of targets) await round(target, 5_000); // warm-up
  const results = new Map(
    targets.map((target) => [target.name, { main: [] as number[], writer: [] as number[], listener: [] as number[] }]),
  );
  for (let index = 0; index < rounds; index++) {
    for (let turn = 0; turn < targets.length; turn++) {
      const target = targets[(turn + index) % targets.length]!;
      const measured = await round(target, appendsPerRound);
      const result = results.get(target.name)!;
      result.main.push(measured.main);
      result.writer.push(measured.writer);
      result.listener.push(measured.listener);
      process.stdout.write(
        `round ${index + 1} ${target.name}: main ${measured.main.toFixed(1)}, writer and helpers ${measured.writer.toFixed(1)}, ` +
          `listener ${measured.listener.toFixed(1)} µs an append; ${Math.round(measured.perSecond)} appends/s\n`,
      );
    }
  }
  for (const [name, result] of results) {
    process.stdout.write(
      `median ${name}: main ${median(result.main).toFixed(1)}, writer and helpers ${median(result.writer).toFixed(1)}, ` +
        `listener ${median(result.listener).toFixed(1)} µs an append (${rounds} rounds × ${appendsPerRound}, ${appenders} in flight)\n`,
    );
  }
  for (const target of targets) {
    await target.store.close();
    await target.listener.terminate();
    rmSync(target.dir, { recursive: true, force: true });
  }
}

void main();
