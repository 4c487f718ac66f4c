import { StreamDeletedError, StreamNotFoundError } from '@eventstore/db-client';
import { collect, doubleRig, event } from './double-spec-helpers';

// Item 4: stream metadata hides at once; a scavenge reclaims from $all later.
describe('EventStoreDB double: stream metadata, deletion and scavenge', () => {
  let clock = new Date('2026-01-01T00:00:00Z');
  const { double, client } = doubleRig({ now: () => clock });
  beforeEach(() => {
    clock = new Date('2026-01-01T00:00:00Z');
  });
  const revisions = async (stream: string): Promise<bigint[]> => (await collect(client().readStream(stream))).map((e) => e.event!.revision);
  const allIds = async (): Promise<string[]> => (await collect(client().readAll())).map((e) => e.event!.id);

  it('hides events beyond $maxCount from stream reads at once, from $all only after a scavenge, keeping the last', async () => {
    await client().appendToStream(
      'm',
      [0, 1, 2, 3].map((n) => event('N', { n })),
    );
    const written = await collect(client().readStream('m'));
    await client().setStreamMetadata('m', { maxCount: 2 });
    expect(await revisions('m')).toEqual([2n, 3n]);
    expect(await allIds()).toEqual(expect.arrayContaining(written.map((e) => e.event!.id)));
    expect(double().scavenge()).toBeGreaterThanOrEqual(2);
    const after = await allIds();
    expect(after).not.toContain(written[0]!.event!.id);
    expect(after).toContain(written[3]!.event!.id);
    // A read at a removed position is still at a boundary and goes on to the next record.
    const [next] = await collect(client().readAll({ fromPosition: written[0]!.event!.position!, maxCount: 1 }));
    expect(next!.event!.id).toBe(written[2]!.event!.id);
  });

  it('hides events older than $maxAge by the injected clock', async () => {
    await client().appendToStream('aged', event('Old'));
    clock = new Date(clock.getTime() + 120_000);
    await client().appendToStream('aged', event('New'));
    await client().setStreamMetadata('aged', { maxAge: 60 });
    expect(await revisions('aged')).toEqual([1n]);
  });

  it('keeps the last event of a stream truncated past its end through a scavenge', async () => {
    await client().appendToStream('t', [event('A'), event('B')]);
    await client().setStreamMetadata('t', { truncateBefore: 2 });
    double().scavenge();
    const left = (await collect(client().readAll())).filter((e) => e.event!.streamId === 't');
    expect(left.map((e) => e.event!.revision)).toEqual([1n]);
  });

  it('soft-deletes a stream until it is written again, which continues its numbering', async () => {
    await client().appendToStream('soft', [event('A'), event('B')]);
    await client().deleteStream('soft');
    await expect(collect(client().readStream('soft'))).rejects.toBeInstanceOf(StreamNotFoundError);
    const again = await client().appendToStream('soft', event('C'));
    expect(again.nextExpectedRevision).toBe(2n);
    expect(await revisions('soft')).toEqual([2n]);
  });

  it('tombstones a stream for good', async () => {
    await client().appendToStream('hard', event('A'));
    await client().tombstoneStream('hard');
    await expect(collect(client().readStream('hard'))).rejects.toBeInstanceOf(StreamDeletedError);
  });
});
