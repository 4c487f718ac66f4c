/// <reference types="jest" />
import { EventStoreUnavailable } from '../port/event-store.errors';
import type { EventStore } from '../port/event-store.port';
import { anEvent, events, expectWrongRevision, ids, own, record, uniqueStream, waitFor } from './conformance-fixtures';
import type { EventStoreUnderTest } from './event-store.conformance';

export function describeTruncationCases(harness: () => EventStoreUnderTest): void {
  const store = (): EventStore => harness().store;

  describe('truncateStreamBefore', () => {
    async function truncatedStream(count: number, before: number): Promise<{ stream: string; appended: ReturnType<typeof events> }> {
      const stream = uniqueStream();
      const appended = events(count);
      await store().append(stream, appended);
      await store().truncateStreamBefore(stream, before);
      return { stream, appended };
    }
    const revisions = async (stream: string, options?: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
      (await store().readStream(stream, options)).map((event) => event.revision);

    it('readStream returns only the events from the truncation point on, in either direction', async () => {
      const { stream, appended } = await truncatedStream(5, 3);
      expect(ids(await store().readStream(stream))).toEqual(ids(appended.slice(3)));
      expect(await revisions(stream, { fromRevision: 1 })).toEqual([3, 4]);
      expect(await revisions(stream, { maxCount: 1 })).toEqual([3]);
      expect(await revisions(stream, { direction: 'backwards' })).toEqual([4, 3]);
      expect(await revisions(stream, { direction: 'backwards', fromRevision: 2 })).toEqual([]);
      expect(await revisions(stream, { direction: 'backwards', maxCount: 1 })).toEqual([4]);
    });

    it('keeps the numbering: the last revision is still expected, a wrong one still refused', async () => {
      const { stream } = await truncatedStream(3, 2);
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 0 }), { stream, expected: 0, actual: 2 });
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 'no_stream' }), {
        stream,
        expected: 'no_stream',
        actual: 2,
      });
      await expect(store().append(stream, [anEvent()], { expectedRevision: 2 })).resolves.toMatchObject({ nextExpectedRevision: 3 });
      await expect(store().append(stream, events(2), { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
        nextExpectedRevision: 5,
      });
      expect(await revisions(stream)).toEqual([2, 3, 4, 5]);
    });

    it('truncating past the last event hides them all; the stream still exists at its last revision', async () => {
      const { stream } = await truncatedStream(2, 2);
      expect(await store().readStream(stream)).toEqual([]);
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 'no_stream' }), {
        stream,
        expected: 'no_stream',
        actual: 1,
      });
      const next = anEvent();
      await store().append(stream, [next], { expectedRevision: 1 });
      expect(ids(await store().readStream(stream))).toEqual([next.id]);
    });

    it('is never undone: truncating again below the point changes nothing', async () => {
      const { stream } = await truncatedStream(4, 3);
      await store().truncateStreamBefore(stream, 1);
      expect(await revisions(stream)).toEqual([3]);
      await store().truncateStreamBefore(stream, 3);
      expect(await revisions(stream)).toEqual([3]);
    });

    it('leaves other streams alone', async () => {
      const [truncated, other] = [uniqueStream(), uniqueStream()];
      await store().append(truncated, events(3));
      await store().append(other, events(3));
      await store().truncateStreamBefore(truncated, 2);
      expect(await revisions(other)).toEqual([0, 1, 2]);
    });

    // EventStoreDB's $all bypasses the stream index until a scavenge, so the contract only requires
    // the kept events, in order; adapters that drop truncated events from $all test that themselves.
    it('readAll and new subscriptions still deliver the kept events in order, and the events appended after', async () => {
      const head = await store().headPosition();
      const { stream, appended } = await truncatedStream(4, 2);
      const later = anEvent();
      await store().append(stream, [later], { expectedRevision: 3 });
      const expected = [...ids(appended), later.id];
      const inOrder = (delivered: string[]): string[] => expected.filter((id) => delivered.includes(id));

      const read = ids(own(await store().readAll({ after: head }), stream));
      expect(read).toEqual(inOrder(read));
      expect(read).toEqual(expect.arrayContaining(expected.slice(2)));

      const recording = record(store(), head, [stream]);
      await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
      const live = anEvent();
      await store().append(stream, [live], { expectedRevision: 4 });
      await waitFor(() => recording.delivered.some((event) => event.id === live.id), 'the live event');
      await recording.subscription.stop();
      const delivered = ids(recording.delivered);
      expect(delivered).toEqual([...inOrder(delivered.slice(0, -1)), live.id]);
      expect(delivered).toEqual(expect.arrayContaining(expected.slice(2)));
      expect(recording.errors).toEqual([]);
    });

    it('refuses a revision that is not a non-negative integer, and a closed store', async () => {
      const stream = uniqueStream();
      await expect(store().truncateStreamBefore(stream, -1)).rejects.toBeInstanceOf(TypeError);
      await expect(store().truncateStreamBefore(stream, 1.5)).rejects.toBeInstanceOf(TypeError);
      const other = await harness().openAnother();
      await other.close();
      await expect(other.truncateStreamBefore(stream, 1)).rejects.toBeInstanceOf(EventStoreUnavailable);
    });
  });
}
