import { EventStoreDBClient, jsonEvent, START, type ResolvedEvent } from '@eventstore/db-client';
import { EsdbDouble } from './esdb-double';

// Stream metadata as @eventstore/db-client writes it: setStreamMetadata is an append of a `$metadata`
// event to `$$<stream>`, and $tb is honoured by stream reads only.
describe('EventStoreDB test double: stream metadata ($tb)', () => {
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

  const events = (count: number) => Array.from({ length: count }, (_, n) => jsonEvent({ type: 'Ticked', data: { n } }));
  const revisions = (read: ResolvedEvent[]) => read.map((resolved) => resolved.event?.revision);

  it('hides the events below $tb from stream reads; the numbering goes on', async () => {
    await client.appendToStream('clock', events(4));
    await client.setStreamMetadata('clock', { truncateBefore: 3 });

    expect(revisions(await collect(client.readStream('clock')))).toEqual([3n]);
    expect(revisions(await collect(client.readStream('clock', { direction: 'backwards', fromRevision: 2n })))).toEqual([]);
    const appended = await client.appendToStream('clock', events(1), { expectedRevision: 3n });
    expect(appended.nextExpectedRevision).toBe(4n);
    expect(revisions(await collect(client.readStream('clock')))).toEqual([3n, 4n]);
    expect(await client.getStreamMetadata('clock')).toMatchObject({ metadata: { truncateBefore: 3 } });
  });

  it('keeps the truncated events in $all, as the server does until a scavenge', async () => {
    await client.appendToStream('clock', events(3));
    await client.setStreamMetadata('clock', { truncateBefore: 2 });
    const all = (await collect(client.readAll())).filter((resolved) => resolved.event?.streamId === 'clock');
    expect(revisions(all)).toEqual([0n, 1n, 2n]);
  });

  it('reads a stream whose every event is truncated as empty, not missing', async () => {
    await client.appendToStream('clock', events(2));
    await client.setStreamMetadata('clock', { truncateBefore: 5 });
    expect(await collect(client.readStream('clock'))).toEqual([]);
    await expect(client.appendToStream('clock', events(1), { expectedRevision: 1n })).resolves.toMatchObject({ nextExpectedRevision: 2n });
  });

  it('skips truncated events in a stream subscription’s catch-up', async () => {
    await client.appendToStream('clock', events(3));
    await client.setStreamMetadata('clock', { truncateBefore: 2 });
    const subscription = client.subscribeToStream('clock', { fromRevision: START });
    const seen: bigint[] = [];
    for await (const resolved of subscription) {
      seen.push(resolved.event!.revision);
      break;
    }
    await subscription.unsubscribe();
    expect(seen).toEqual([2n]);
  });

  it('refuses a metastream event that is not a $metadata document with an integer $tb', async () => {
    // A BadRequest status on the batch append, which the 6.2.1 client only names.
    await expect(client.appendToStream('$$clock', jsonEvent({ type: 'Ticked', data: {} }))).rejects.toThrow(/BadRequest/);
    await expect(client.appendToStream('$$clock', jsonEvent({ type: '$metadata', data: { $tb: 'soon' } }))).rejects.toThrow(/BadRequest/);
    expect(await client.getStreamMetadata('clock')).toEqual({ streamName: 'clock' });
  });
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of stream) collected.push(item);
  return collected;
}
