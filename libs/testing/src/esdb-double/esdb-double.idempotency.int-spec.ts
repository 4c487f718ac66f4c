import { NO_STREAM } from '@eventstore/db-client';
import { collect, doubleRig, event } from './double-spec-helpers';

// Item 3: idempotent retries as IndexWriter.CheckCommit decides them.
describe('EventStoreDB double: idempotency', () => {
  const { double, client } = doubleRig({ idempotencyCacheSize: 3 });

  it('answers a retry with the original position, writing nothing', async () => {
    const events = [event('A'), event('B')];
    const first = await client().appendToStream('r', events);
    const again = await client().appendToStream('r', events);
    expect(again.position).toEqual(first.position);
    expect(again.nextExpectedRevision).toBe(1n);
    expect(await collect(client().readStream('r'))).toHaveLength(2);
  });

  it('recognises an `any` retry only while its ids are in the bounded cache; exact revisions always', async () => {
    const original = event('A');
    await client().appendToStream('r', original, { expectedRevision: NO_STREAM });
    for (let n = 0; n < 3; n++) await client().appendToStream(`other-${n}`, event('Filler'));
    // Evicted: the weak check writes it again, as the server would.
    await client().appendToStream('r', original);
    expect(await collect(client().readStream('r'))).toHaveLength(2);
    // The strong check reads the stream: still recognised.
    const strong = await client().appendToStream('r', original, { expectedRevision: NO_STREAM });
    expect(strong.nextExpectedRevision).toBe(0n);
    expect(await collect(client().readStream('r'))).toHaveLength(2);
  });

  it('forgets the cache on restart: an `any` retry is written again', async () => {
    const original = event('A');
    await client().appendToStream('r', original);
    await double().stop();
    await double().restart();
    // The client's first call after the restart may meet its old, closed channel (UNAVAILABLE, nothing written).
    await client()
      .appendToStream('r', original)
      .catch(() => client().appendToStream('r', original));
    expect(await collect(client().readStream('r'))).toHaveLength(2);
  });

  it('refuses a retry that matches only in part (CorruptedIdempotency) as a wrong expected version', async () => {
    const [a, b] = [event('A'), event('B')];
    await client().appendToStream('r', [a, b], { expectedRevision: NO_STREAM });
    await expect(client().appendToStream('r', [a, event('C')], { expectedRevision: NO_STREAM })).rejects.toMatchObject({
      actualVersion: 1n,
    });
    await expect(client().appendToStream('r', [a, event('D')])).rejects.toMatchObject({ actualVersion: 1n });
  });
});
