import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CHAIN_CHECKPOINT_TYPE, CHECKPOINT_STORED, checkpointStream, readPublishedPosition, type RelayLogger } from '@keyward/audit';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { esdbServerForTests, STORE_DEADLINES_FOR_TESTS, type EsdbServerForTests } from '@keyward/testing/esdb-double';
import { appendSampleEvents } from '../../../audit/src/testing/sample-events';
import { openConfiguredEventStore } from '../core/event-store.factory';
import { auditRelayConfig, configuredAuditSinkTarget } from './configured-audit-relay';
import { ThreadedAuditRelay, type RelayWorkerSpawner } from './threaded-audit-relay';

jest.setTimeout(120_000);

type StoreConfig = KeywardConfig['eventStore'];

interface Rig {
  readonly store: EventStore;
  readonly relay: ThreadedAuditRelay;
  readonly workers: Worker[];
  readonly logs: string[];
  /** Every log line's fields, as JSON. */
  readonly logLines: string[];
  readonly keyEncryptionKey: Buffer;
  readonly auditFile: string;
  readonly options: ConstructorParameters<typeof ThreadedAuditRelay>[0];
  /** Relays a test made with other options, stopped after it. */
  readonly others: ThreadedAuditRelay[];
}

/** The audit records in DATA_DIR/audit.jsonl, without the chains' signed checkpoints. */
function recordIds(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: string; type: string })
    .filter((record) => record.type !== CHAIN_CHECKPOINT_TYPE)
    .map((record) => record.id);
}

describe.each([
  [
    'SQLite',
    async () => ({
      store: (dir: string): StoreConfig => ({ kind: 'sqlite', path: join(dir, 'events.sqlite') }),
      dispose: async () => undefined,
    }),
  ],
  [
    'the EventStoreDB double',
    async () => {
      const server: EsdbServerForTests = await esdbServerForTests();
      return {
        store: (): StoreConfig => ({ kind: 'esdb', url: server.connectionString, ...STORE_DEADLINES_FOR_TESTS }),
        dispose: () => server.dispose(),
      };
    },
  ],
])('ThreadedAuditRelay on %s', (_name, openServer) => {
  let server: Awaited<ReturnType<typeof openServer>>;
  let dir: string;
  let rig: Rig;

  beforeAll(async () => (server = await openServer()));
  afterAll(() => server.dispose());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-relay-thread-'));
    const config = {
      eventStore: server.store(dir),
      dataDir: dir,
      kafka: undefined,
      auditTopic: 'keyward.audit.v1',
      keyEncryptionKey: randomBytes(32),
      issuer: 'http://keyward.test',
      auditChainCheckpoint: { everyRecords: 1000, everySeconds: 10 },
    } satisfies ReturnType<typeof auditRelayConfig>;
    const logs: string[] = [];
    const logLines: string[] = [];
    const log = (level: string) => (fields: object, message: string) => {
      logs.push(`${level} ${message}`);
      logLines.push(JSON.stringify(fields, (_, value: unknown) => (typeof value === 'bigint' ? `${value}` : value)));
    };
    const logger: RelayLogger = { info: log('info'), warn: log('warn'), error: log('error') };
    const workers: Worker[] = [];
    const store = openConfiguredEventStore(config);
    const options = {
      workerData: { config, sinkTarget: configuredAuditSinkTarget(config), metricsIntervalMs: 50 },
      store,
      logger,
      restart: { initialMs: 50, maxMs: 200 },
      spawn: ((entry, options) => {
        const worker = new Worker(entry, options);
        workers.push(worker);
        return worker;
      }) satisfies RelayWorkerSpawner,
    };
    rig = {
      store,
      relay: new ThreadedAuditRelay(options),
      workers,
      logs,
      logLines,
      keyEncryptionKey: config.keyEncryptionKey,
      auditFile: join(dir, 'audit.jsonl'),
      options,
      others: [],
    };
  });

  afterEach(async () => {
    await Promise.all([rig.relay, ...rig.others].map((relay) => relay.stop()));
    await rig.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every event from its own thread, and after a stop the checkpoint is the head: nothing left to republish', async () => {
    const before = await appendSampleEvents(rig.store, 400, { organizations: 3 });
    rig.relay.start();
    await rig.relay.waitUntilProcessed(undefined, 60_000);
    expect(new Set(recordIds(rig.auditFile))).toEqual(new Set(before));
    expect(await rig.relay.measureLag()).toMatchObject({ state: 'running', lagEvents: 0, recordsPublished: 400, restarts: 0 });

    const after = await appendSampleEvents(rig.store, 300, { organizations: 3 });
    const head = await rig.store.headPosition();
    await rig.relay.waitUntilProcessed(undefined, 60_000);
    await rig.relay.stop();

    expect(recordIds(rig.auditFile)).toEqual([...before, ...after]);
    expect(rig.relay.metrics.state).toBe('stopped');
    expect(rig.relay.metrics.processedPosition).toBeGreaterThanOrEqual(head!);
    // The stopped thread checkpointed the head before it closed its store (checkpoints come after it).
    expect(await readPublishedPosition(rig.store)).toBeGreaterThanOrEqual(head!);
    expect(rig.workers).toHaveLength(1);
    expect(rig.logs).toContain('info audit relay starting');
  });

  it('starts a killed thread again, which resumes from its checkpoint: every event on the sink, none lost', async () => {
    const appended = await appendSampleEvents(rig.store, 1500, { organizations: 5 });
    const [early] = await rig.store.readAll({ maxCount: 1, after: (await rig.store.readAll({ maxCount: 300 })).at(-1)!.position });
    rig.relay.start();
    await rig.relay.waitUntilProcessed(early!.position, 60_000);
    const killed = new Promise((resolve) => rig.workers[0]!.once('exit', resolve));
    await rig.workers[0]!.terminate();
    await killed;
    // Waits made while no thread runs carry over to the next one.
    appended.push(...(await appendSampleEvents(rig.store, 500, { organizations: 5 })));
    await rig.relay.waitUntilProcessed(undefined, 60_000);

    const ids = recordIds(rig.auditFile);
    expect(new Set(ids)).toEqual(new Set(appended));
    // Republished from the checkpoint: what the killed thread published after it comes twice, nothing else.
    expect(ids.length).toBeGreaterThanOrEqual(appended.length);
    expect(rig.workers).toHaveLength(2);
    expect(rig.relay.metrics).toMatchObject({ state: 'running', restarts: 1 });
    expect(rig.logs).toContain('error audit relay thread exited; starting it again from its checkpoint');
    // The thread holds the key-encryption key (it signs chain checkpoints): no log line of its life and death shows it.
    const key = [rig.keyEncryptionKey.toString('base64'), rig.keyEncryptionKey.toString('hex')];
    expect(rig.logLines.filter((line) => key.some((encoded) => line.includes(encoded)))).toEqual([]);
    // Not vacuous: at least the first thread's start, its exit and the second start were logged (a 'caught up'
    // line may come after the wait above resolves, so it is not counted on).
    expect(rig.logLines.length).toBeGreaterThanOrEqual(3);
  });

  it('stops while a restart is pending without starting another thread, and fails the waits it leaves', async () => {
    // A restart a minute away: stop() comes while it is pending.
    const relay = new ThreadedAuditRelay({ ...rig.options, restart: { initialMs: 120_000, maxMs: 120_000 } });
    rig.others.push(relay);
    await appendSampleEvents(rig.store, 200);
    relay.start();
    await relay.waitUntilProcessed(undefined, 60_000);
    const exited = new Promise((resolve) => rig.workers[0]!.once('exit', resolve));
    await rig.workers[0]!.terminate();
    await exited;
    await appendSampleEvents(rig.store, 100);
    const waiting = relay.waitUntilProcessed(undefined, 60_000);
    await relay.stop();

    await expect(waiting).rejects.toThrow('audit relay: stopped before the position was processed');
    expect(relay.metrics).toMatchObject({ state: 'stopped', restarts: 1 });
    expect(rig.workers).toHaveLength(1);
  });

  it('reports a relay fenced off by another one as stopped for good, and does not start its thread again', async () => {
    let fatal: (error: Error) => void = () => undefined;
    const fenced = new Promise<Error>((resolve) => (fatal = resolve));
    const relay = new ThreadedAuditRelay({ ...rig.options, onFatal: (error) => fatal(error) });
    rig.others.push(relay);
    await appendSampleEvents(rig.store, 50);
    relay.start();
    await relay.waitUntilProcessed(undefined, 60_000);
    // Another relay checkpoints on the same stream: this one's next checkpoint finds it there.
    await rig.store.append(checkpointStream('audit-relay'), [
      { id: randomUUID(), type: CHECKPOINT_STORED, data: { position: '1', relayInstanceId: 'another-relay' }, metadata: {} },
    ]);

    expect((await fenced).name).toBe('RelayFenced');
    expect(relay.metrics).toMatchObject({ state: 'failed', restarts: 0 });
    await appendSampleEvents(rig.store, 1);
    await expect(relay.waitUntilProcessed(undefined, 60_000)).rejects.toThrow('stopped for good');
    expect(rig.logs).toContain('error audit relay stopped for good');
    await relay.stop();
    expect(relay.metrics.state).toBe('failed');
    expect(rig.workers).toHaveLength(1);
  });
});
