/// <reference types="jest" />
import { WrongExpectedRevision } from '../port/event-store.errors';
import type { EventStore } from '../port/event-store.port';
import { anEvent, ids, isStrictlyIncreasing, own, uniqueStream } from './conformance-fixtures';

export function describeConcurrencyCases(store: () => EventStore): void {
  describe('concurrent appends', () => {
    it('to one stream with the same expected revision: exactly one succeeds', async () => {
      const stream = uniqueStream();
      await store().append(stream, [anEvent()]);
      const contenders = Array.from({ length: 8 }, () => anEvent());

      const outcomes = await Promise.allSettled(contenders.map((event) => store().append(stream, [event], { expectedRevision: 0 })));

      const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [contenders[index]!] : []));
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(winners).toHaveLength(1);
      expect(losers.every((error) => error instanceof WrongExpectedRevision)).toBe(true);
      const read = await store().readStream(stream);
      expect(read).toHaveLength(2);
      expect(read[1]!.id).toBe(winners[0]!.id);
    });

    it("creating one stream with 'no_stream': exactly one succeeds", async () => {
      const stream = uniqueStream();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => store().append(stream, [anEvent()], { expectedRevision: 'no_stream' })),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('to many streams: all land, each at its own position', async () => {
      const head = await store().headPosition();
      const appends = Array.from({ length: 50 }, () => ({ stream: uniqueStream(), event: anEvent() }));

      const results = await Promise.all(
        appends.map(({ stream, event }) => store().append(stream, [event], { expectedRevision: 'no_stream' })),
      );

      const positions = results.map((result) => result.position);
      expect(new Set(positions).size).toBe(appends.length);
      const landed = own(await store().readAll({ after: head }), ...appends.map(({ stream }) => stream));
      expect(new Set(ids(landed))).toEqual(new Set(appends.map(({ event }) => event.id)));
      expect(isStrictlyIncreasing(landed.map((event) => event.position))).toBe(true);
      for (const [index, { stream, event }] of appends.entries()) {
        const [read] = await store().readStream(stream);
        expect({ id: read?.id, position: read?.position }).toEqual({ id: event.id, position: positions[index] });
      }
    });
  });
}
