import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { collect, doubleRig, event } from './double-spec-helpers';

/**
 * What a "one stream per jti, appended with no_stream, aged out by $maxAge" design would meet on the server,
 * pinned on the double (why keyward's replay claims use a few streams per organization instead):
 * - metadata may be written before its stream exists, and the stream's first no_stream append still succeeds:
 *   the version check looks at the stream alone (KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/
 *   IndexWriter.cs, CheckCommit / CheckCommitForNewStream);
 * - $maxAge hides events from reads, yet the stream keeps its last event number: a second no_stream append is
 *   still a wrong expected version (CheckCommit reads GetStreamLastEventNumber, which no metadata filters);
 * - a scavenge never removes a stream's last event, $maxAge included (Scavenging/Stages/EventCalculator.cs,
 *   "keep last event in stream"), nor the newest metadata document: every such stream stays in the log.
 */
describe('EventStoreDB double: streams written once, aged out by $maxAge', () => {
  let clock = new Date('2026-01-01T00:00:00Z');
  const { double, client } = doubleRig({ now: () => clock });

  it('takes metadata for a stream that does not exist yet, then a no_stream append, then refuses the next one', async () => {
    await client().setStreamMetadata('jti-1', { maxAge: 60 });
    await client().appendToStream('jti-1', event('Claimed'), { expectedRevision: NO_STREAM });
    await expect(client().appendToStream('jti-1', event('Claimed'), { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('keeps refusing no_stream once $maxAge hides every event, and keeps the last event through a scavenge', async () => {
    await client().setStreamMetadata('jti-2', { maxAge: 60 });
    const first = await client().appendToStream('jti-2', event('Claimed'), { expectedRevision: NO_STREAM });
    clock = new Date(clock.getTime() + 120_000);
    await expect(collect(client().readStream('jti-2'))).resolves.toEqual([]);
    const refused = await client()
      .appendToStream('jti-2', event('Claimed'), { expectedRevision: NO_STREAM })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect((refused as WrongExpectedVersionError).actualVersion).toBe(first.nextExpectedRevision);
    double().scavenge();
    const left = (await collect(client().readAll())).filter((e) => e.event?.streamId === 'jti-2' || e.event?.streamId === '$$jti-2');
    expect(left.map((e) => e.event!.streamId).sort()).toEqual(['$$jti-2', 'jti-2']);
  });
});
