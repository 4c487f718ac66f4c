/// <reference types="jest" />
import type { EventStore, GlobalPosition } from '../port/event-store.port';
import { anEvent, events, ids, isStrictlyIncreasing, own, uniqueStream } from './conformance-fixtures';

export function describeReadCases(store: () => EventStore): void {
  describe('readStream', () => {
    it('answers [] for a stream that does not exist', async () => {
      expect(await store().readStream(uniqueStream())).toEqual([]);
    });

    it('reads from a revision, backwards, and up to maxCount', async () => {
      const stream = uniqueStream();
      await store().append(stream, events(5));
      const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
        (await store().readStream(stream, options)).map((event) => event.revision);

      expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
    });
  });

  describe('readAll', () => {
    // Four events alternating between two streams, appended one after another.
    async function interleaved(): Promise<{
      head: GlobalPosition | undefined;
      a: string;
      b: string;
      appended: { id: string; position: GlobalPosition }[];
    }> {
      const head = await store().headPosition();
      const [a, b] = [uniqueStream(), uniqueStream()];
      const appended: { id: string; position: GlobalPosition }[] = [];
      for (const stream of [a, b, a, b]) {
        const event = anEvent();
        const { position } = await store().append(stream, [event]);
        appended.push({ id: event.id, position });
      }
      return { head, a, b, appended };
    }

    it('reads forwards in global order across streams, strictly increasing', async () => {
      const { head, a, b, appended } = await interleaved();
      const read = own(await store().readAll({ after: head }), a, b);
      expect(ids(read)).toEqual(ids(appended));
      expect(read.map((event) => event.position)).toEqual(appended.map((event) => event.position));
      expect(isStrictlyIncreasing((await store().readAll({ after: head })).map((event) => event.position))).toBe(true);
    });

    it('forwards: `after` is exclusive and maxCount limits', async () => {
      const { a, b, appended } = await interleaved();
      const after = appended[0]!.position;
      const rest = await store().readAll({ after });
      expect(ids(own(rest, a, b))).toEqual(ids(appended.slice(1)));
      expect(rest.every((event) => event.position > after)).toBe(true);

      const limited = await store().readAll({ after, maxCount: 2 });
      expect(limited.map((event) => event.position)).toEqual(rest.slice(0, 2).map((event) => event.position));
    });

    it('backwards: `before` is exclusive, order descending, maxCount limits', async () => {
      const { head, a, b, appended } = await interleaved();
      const before = appended[3]!.position;
      const since = await store().readAll({ after: head });

      const limited = await store().readAll({ direction: 'backwards', before, maxCount: 2 });
      const expected = since
        .filter((event) => event.position < before)
        .slice(-2)
        .reverse();
      expect(limited.map((event) => event.position)).toEqual(expected.map((event) => event.position));

      const newest = await store().readAll({ direction: 'backwards', maxCount: 3 });
      expect(newest).toHaveLength(3);
      expect(isStrictlyIncreasing(newest.map((event) => event.position).reverse())).toBe(true);
      expect(newest[0]!.position >= before).toBe(true);

      const backToHead = await store().readAll({ direction: 'backwards', before, maxCount: since.length });
      expect(ids(own(backToHead, a, b))).toEqual(ids(appended.slice(0, 3)).reverse());
    });
  });

  describe('readAt', () => {
    it('answers the event at each exact position, in the order asked, repeats included', async () => {
      const stream = uniqueStream();
      const appended = [];
      for (const event of events(3)) appended.push({ id: event.id, position: (await store().append(stream, [event])).position });
      const [p0, p1, p2] = appended.map((event) => event.position) as [GlobalPosition, GlobalPosition, GlobalPosition];
      const found = await store().readAt([p2, p0, p1, p2]);
      expect(found.map((event) => event?.id)).toEqual([appended[2]!.id, appended[0]!.id, appended[1]!.id, appended[2]!.id]);
      expect(found.map((event) => event?.position)).toEqual([p2, p0, p1, p2]);
      expect(found.every((event) => event?.streamName === stream)).toBe(true);
    });

    it('reads every event of a multi-event append at its own position', async () => {
      const stream = uniqueStream();
      const appended = events(3);
      await store().append(stream, appended);
      const positions = (await store().readStream(stream)).map((event) => event.position);
      expect(ids((await store().readAt(positions)).map((event) => event!))).toEqual(ids(appended));
    });

    it('answers [] for no positions', async () => {
      expect(await store().readAt([])).toEqual([]);
    });
  });

  describe('headPosition', () => {
    it('is the position of the newest event', async () => {
      const before = await store().headPosition();
      const { position } = await store().append(uniqueStream(), [anEvent()]);
      const after = await store().headPosition();
      expect(before === undefined || before < position).toBe(true);
      expect(after).toBeDefined();
      // Others may append to a shared store in between, so only a lower bound holds.
      expect(after! >= position).toBe(true);
    });
  });
}
