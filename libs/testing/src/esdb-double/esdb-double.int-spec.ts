import {
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EsdbDouble } from './esdb-double';

// These specs drive the double with the real client only, so what they pin down is what the client
// library sees from EventStoreDB: its error classes, positions and subscription protocol.
describe('EventStoreDB test double, through @eventstore/db-client', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    double = await EsdbDouble.start();
    client = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data, metadata: { by: 'spec' } });

  it('appends (through BatchAppend, as the server advertises it) and reads the events back as written', async () => {
    const first = event('Created', { n: 1 });
    const result = await client.appendToStream('thing-1', [first, event('Renamed', { n: 2 })], { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(1n);

    const read = await collect(client.readStream('thing-1'));
    expect(read.map((e) => [e.event?.type, e.event?.revision, e.event?.data, e.event?.metadata])).toEqual([
      ['Created', 0n, { n: 1 }, { by: 'spec' }],
      ['Renamed', 1n, { n: 2 }, { by: 'spec' }],
    ]);
    expect(read[0]!.event!.id).toBe(first.id);
    expect(read[1]!.event!.position!.commit).toBe(result.position!.commit);
    expect(read[0]!.event!.created.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it.each([
    ['a number that is not the last revision', 0n, 1n],
    ['no_stream on an existing stream', NO_STREAM, 1n],
  ] as const)("refuses %s with the client's WrongExpectedVersionError", async (_name, expectedRevision, actual) => {
    await client.appendToStream('thing-2', [event('A'), event('B')]);
    const refused = client.appendToStream('thing-2', event('C'), { expectedRevision });
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(refused).rejects.toMatchObject({ streamName: 'thing-2', actualVersion: actual, expectedVersion: expectedRevision });
  });

  it('refuses stream_exists and a number on a stream that does not exist, reporting no_stream', async () => {
    await expect(client.appendToStream('nothing', event('A'), { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
      actualVersion: 'no_stream',
    });
    await expect(client.appendToStream('nothing', event('A'), { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('acknowledges a retried append once without writing it twice (idempotent by event ids)', async () => {
    const events = [event('A'), event('B')];
    await client.appendToStream('retry', events, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream('retry', events, { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).toBe(1n);
    expect(await collect(client.readStream('retry'))).toHaveLength(2);
    await expect(client.appendToStream('retry', [events[0]!, event('other')], { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('refuses an append over a 24.x-sized 1 MiB max append size, writing nothing', async () => {
    const small = await EsdbDouble.start({ limits: { maxAppendSize: 1024 * 1024 } });
    const smallClient = EventStoreDBClient.connectionString(small.connectionString);
    try {
      const huge = event('Huge', { blob: 'x'.repeat(1024 * 1024) });
      await expect(smallClient.appendToStream('huge', huge)).rejects.toMatchObject({ maxAppendSize: 1024 * 1024 });
      await expect(smallClient.appendToStream('huge', huge)).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
      await expect(collect(smallClient.readStream('huge'))).rejects.toBeInstanceOf(StreamNotFoundError);
    } finally {
      await smallClient.dispose();
      await small.stop();
    }
  });

  it('refuses an event id that is not a UUID, and returns ids in canonical lower case', async () => {
    // Through BatchAppend the refusal is a BadRequest status, which the 6.2.1 client only names.
    await expect(client.appendToStream('ids', jsonEvent({ id: 'not-a-uuid', type: 'A', data: {} }))).rejects.toThrow(
      'Could not recognize BadRequest',
    );
    const id = '6F1C4E3A-8B2D-4C1E-9F0A-1B2C3D4E5F60';
    await client.appendToStream('ids', jsonEvent({ id, type: 'A', data: {} }));
    expect((await collect(client.readStream('ids')))[0]!.event!.id).toBe(id.toLowerCase());
  });

  it('answers a read of a missing stream with stream_not_found', async () => {
    await expect(collect(client.readStream('missing'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads a stream backwards and from a revision with a max count', async () => {
    await client.appendToStream(
      'many',
      [0, 1, 2, 3].map((n) => event('N', { n })),
    );
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
      (await collect(client.readStream('many', options))).map((e) => e.event!.revision);
    expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n]);
    expect(await revisions({ direction: 'backwards', fromRevision: 'end', maxCount: 2 })).toEqual([3n, 2n]);
    expect(await revisions({ direction: 'backwards', fromRevision: 1n })).toEqual([1n, 0n]);
  });

  it('has system events in $all and sparse, increasing positions; $all reads forward inclusively, backward exclusively', async () => {
    await client.appendToStream('a', [event('A1'), event('A2')]);
    await client.appendToStream('b', event('B1'));
    const all = await collect(client.readAll());
    expect(all.some((e) => e.event!.type.startsWith('$'))).toBe(true);
    const user = all.filter((e) => !e.event!.type.startsWith('$'));
    expect(user.map((e) => e.event!.type)).toEqual(['A1', 'A2', 'B1']);
    const positions = user.map((e) => e.event!.position!.commit);
    expect(positions[1]! - positions[0]!).toBeGreaterThan(1n);
    const at = { commit: positions[1]!, prepare: positions[1]! };
    expect((await collect(client.readAll({ fromPosition: at }))).map((e) => e.event!.type)).toEqual(['A2', 'B1']);
    expect((await collect(client.readAll({ fromPosition: at, direction: 'backwards', maxCount: 1 }))).map((e) => e.event!.type)).toEqual([
      'A1',
    ]);
  });

  it('subscribes to $all with the system-event filter: history after the exclusive start, caught up, then live', async () => {
    await client.appendToStream('s', [event('One'), event('Two')]);
    const [one] = (await collect(client.readAll())).filter((e) => e.event!.type === 'One');
    const subscription = client.subscribeToAll({
      fromPosition: one!.event!.position!,
      filter: excludeSystemEvents(),
    });
    const seen: string[] = [];
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.type));
    await caughtUp;
    expect(seen).toEqual(['Two']);
    const fourArrived = new Promise<void>((resolve) =>
      subscription.on('data', (e: AllStreamResolvedEvent) => e.event!.type === 'Four' && resolve()),
    );
    await client.appendToStream('s', event('Three'));
    await client.appendToStream('$system-ish', event('$Internal'));
    await client.appendToStream('s', event('Four'));
    // Delivery is in order: once Four is here, $Internal would have been too had the filter let it through.
    await fourArrived;
    expect(seen).toEqual(['Two', 'Three', 'Four']);
    await subscription.unsubscribe();
  });

  it('sends checkpoints to a filtered subscription every multiplier x window considered events', async () => {
    await client.appendToStream(
      '$noise',
      Array.from({ length: 10 }, () => event('$Noise')),
    );
    const checkpoints: bigint[] = [];
    const subscription = client.subscribeToAll({
      filter: excludeSystemEvents({
        maxSearchWindow: 2,
        checkpointInterval: 2,
        checkpointReached: (_s, p) => void checkpoints.push(p.commit),
      }),
    });
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    expect([...checkpoints].sort((a, b) => (a < b ? -1 : 1))).toEqual(checkpoints);
    await subscription.unsubscribe();
  });

  it('subscribes to a stream after an exclusive revision', async () => {
    await client.appendToStream('st', [event('R0'), event('R1'), event('R2')]);
    const subscription = client.subscribeToStream('st', { fromRevision: 0n });
    const seen: bigint[] = [];
    await new Promise<void>((resolve) =>
      subscription.on('data', (e: ResolvedEvent) => {
        seen.push(e.event!.revision);
        if (e.event!.revision === 2n) resolve();
      }),
    );
    expect(seen).toEqual([1n, 2n]);
    await subscription.unsubscribe();
  });

  it('keeps its data across stop and restart on the same port; calls fail while it is down', async () => {
    await client.appendToStream('durable', event('Kept'));
    const port = double.port;
    await double.stop();
    await expect(client.appendToStream('durable', event('Lost'))).rejects.toThrow();
    await double.restart();
    expect(double.port).toBe(port);
    await eventually(async () => expect((await collect(client.readStream('durable'))).map((e) => e.event!.type)).toEqual(['Kept']));
  });
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/**
 * A bounded poll, where only polling can tell: after a restart, the client reconnects on its own schedule
 * and nothing announces it, so the read is retried until it succeeds or the deadline passes.
 */
async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
