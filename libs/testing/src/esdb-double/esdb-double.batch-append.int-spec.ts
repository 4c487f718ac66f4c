import {
  AccessDeniedError,
  DeadlineExceededError,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EsdbDouble } from './esdb-double';
import { collect, doubleRig, event, rejection } from './double-spec-helpers';

// Item 2: BatchAppend as every real server advertises it, so the client appends through it.
describe('EventStoreDB double: BatchAppend', () => {
  const { double, client } = doubleRig({ limits: { maxAppendSize: 4096, maxAppendEventSize: 2048, writeTimeoutMs: 100 } });

  it('is what the client appends and sets metadata through; unary Append serves calls with their own credentials', async () => {
    await client().appendToStream('s', [event('A'), event('B')]);
    await client().setStreamMetadata('s', { maxCount: 5 });
    expect(double().node.served.get('batchAppend')).toBe(1);
    expect(double().node.served.get('append')).toBeUndefined();
    await client().appendToStream('s', event('C'), { credentials: { username: 'admin', password: 'changeit' } });
    expect(double().node.served.get('append')).toBe(1);
    expect((await collect(client().readStream('s'))).map((e) => e.event!.type)).toEqual(['A', 'B', 'C']);
  });

  it('answers many concurrent appends on one call, each by its correlation id', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => client().appendToStream(`c-${n}`, event('X', { n }))));
    expect(new Set(results.map((r) => r.position!.commit)).size).toBe(20);
    for (const [n, result] of results.entries()) {
      const [read] = await collect(client().readStream(`c-${n}`));
      expect(read!.event!.position!.commit).toBe(result.position!.commit);
    }
  });

  it('packs a wrong expected version into the status details', async () => {
    await client().appendToStream('w', [event('A'), event('B')]);
    const error = await rejection(client().appendToStream('w', event('C'), { expectedRevision: 0n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'w', expectedVersion: 0n, actualVersion: 1n });
  });

  it('refuses over the max append size and the max event size, writing nothing', async () => {
    const total = await rejection(
      client().appendToStream(
        'big',
        [1, 2, 3].map(() => event('Part', { blob: 'x'.repeat(1500) })),
      ),
    );
    expect(total).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(total.maxAppendSize).toBe(4096);
    // The 6.2.1 client predates MaximumAppendEventSizeExceeded: it only names it.
    await expect(client().appendToStream('big', event('One', { blob: 'x'.repeat(2500) }))).rejects.toThrow(
      'Could not recognize MaximumAppendEventSizeExceeded',
    );
    await expect(collect(client().readStream('big'))).rejects.toThrow('not found');
  });

  it('answers Timeout when the commit stalls past the write timeout, whatever longer deadline the client sent', async () => {
    double().node.writesStall = true;
    await expect(client().appendToStream('slow', event('A'), { deadline: 60_000 })).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('answers Timeout at once for a deadline already past on the server clock (the deadline is a client-clock Timestamp)', async () => {
    const ahead = await EsdbDouble.start({ now: () => new Date(Date.now() + 60_000) });
    const aheadClient = EventStoreDBClient.connectionString(ahead.connectionString);
    try {
      await expect(aheadClient.appendToStream('late', event('A'), { deadline: 5000 })).rejects.toBeInstanceOf(DeadlineExceededError);
    } finally {
      await aheadClient.dispose();
      await ahead.stop();
    }
  });

  it('answers AccessDenied, StreamDeleted, and not-ready (an Empty detail the client only names)', async () => {
    double().node.denyAccess((operation, stream) => operation === 'write' && stream === 'secret');
    await expect(client().appendToStream('secret', event('A'))).rejects.toBeInstanceOf(AccessDeniedError);
    await client().appendToStream('gone', event('A'));
    await client().tombstoneStream('gone');
    await expect(client().appendToStream('gone', event('B'))).rejects.toBeInstanceOf(StreamDeletedError);
    double().node.role = 'not-ready';
    const notReady = await rejection(client().appendToStream('any', event('A')));
    expect(notReady).toBeInstanceOf(UnknownError);
    expect(notReady.message).toContain('Server Is Not Ready');
  });
});
