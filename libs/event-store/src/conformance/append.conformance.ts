/// <reference types="jest" />
import type { EventStore } from '../port/event-store.port';
import { anEvent, events, expectWrongRevision, ids, isStrictlyIncreasing, own, uniqueStream } from './conformance-fixtures';

export function describeAppendCases(store: () => EventStore): void {
  describe('append', () => {
    it('round-trips id, type, data, metadata, stream, revision, position and recordedAt', async () => {
      const stream = uniqueStream();
      const first = anEvent('AccountOpened', { name: 'bot ✓', limits: [1, 2.5], nested: { on: true, none: null } });
      const second = { ...anEvent('AccountRenamed', { name: 'renamed' }), metadata: { actor: 'admin-1', ip: '10.0.0.1' } };

      const result = await store().append(stream, [first, second], { expectedRevision: 'no_stream' });
      const read = await store().readStream(stream);

      expect(
        read.map(({ id, type, data, metadata, streamName, revision }) => ({ id, type, data, metadata, streamName, revision })),
      ).toEqual([
        { id: first.id, type: first.type, data: first.data, metadata: first.metadata, streamName: stream, revision: 0 },
        { id: second.id, type: second.type, data: second.data, metadata: second.metadata, streamName: stream, revision: 1 },
      ]);
      expect(result.nextExpectedRevision).toBe(1);
      expect(typeof result.position).toBe('bigint');
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.position < read[1]!.position).toBe(true);
      for (const event of read) {
        expect(event.recordedAt).toBeInstanceOf(Date);
        // Generous: a shared server's clock may drift from ours.
        expect(Math.abs(event.recordedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      }
    });

    it('expected revision as a number: must equal the last revision; a mismatch appends nothing', async () => {
      const stream = uniqueStream();
      await store().append(stream, events(2));

      await expect(store().append(stream, [anEvent()], { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 1 }), { stream, expected: 1, actual: 2 });
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 3 }), { stream, expected: 3, actual: 2 });
      expect(await store().readStream(stream)).toHaveLength(3);

      const missing = uniqueStream();
      await expectWrongRevision(store().append(missing, [anEvent()], { expectedRevision: 0 }), {
        stream: missing,
        expected: 0,
        actual: 'no_stream',
      });
      expect(await store().readStream(missing)).toEqual([]);
    });

    it("expected 'no_stream': only a stream without events", async () => {
      const stream = uniqueStream();
      await expect(store().append(stream, [anEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
        nextExpectedRevision: 0,
      });
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 'no_stream' }), {
        stream,
        expected: 'no_stream',
        actual: 0,
      });
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it("expected 'stream_exists': only a stream with events", async () => {
      const stream = uniqueStream();
      await expectWrongRevision(store().append(stream, [anEvent()], { expectedRevision: 'stream_exists' }), {
        stream,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await store().readStream(stream)).toEqual([]);
      await store().append(stream, [anEvent()]);
      await expect(store().append(stream, [anEvent()], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
        nextExpectedRevision: 1,
      });
    });

    it("expected 'any' (also the default): no check", async () => {
      const stream = uniqueStream();
      await expect(store().append(stream, [anEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expect(store().append(stream, [anEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 1 });
      await expect(store().append(stream, [anEvent()])).resolves.toMatchObject({ nextExpectedRevision: 2 });
      expect((await store().readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it('a multi-event append is atomic: all events or none, with consecutive revisions', async () => {
      const stream = uniqueStream();
      const head = await store().headPosition();
      const existing = anEvent();
      await store().append(stream, [existing]);

      await expectWrongRevision(store().append(stream, events(3), { expectedRevision: 5 }), { stream, expected: 5, actual: 0 });
      const batch = events(3);
      const result = await store().append(stream, batch, { expectedRevision: 0 });

      const read = await store().readStream(stream);
      expect(ids(read)).toEqual([existing.id, ...ids(batch)]);
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      expect(result).toEqual({ nextExpectedRevision: 3, position: read[3]!.position });
      expect(isStrictlyIncreasing(read.map((event) => event.position))).toBe(true);
      // The refused append must not have leaked into $all either.
      expect(ids(own(await store().readAll({ after: head }), stream))).toEqual(ids(read));
    });
  });
}
