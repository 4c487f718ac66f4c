/// <reference types="jest" />
import { EventStoreUnavailable } from '../port/event-store.errors';
import { anEvent, uniqueStream } from './conformance-fixtures';
import type { EventStoreUnderTest } from './event-store.conformance';

export function describeCloseCases(harness: () => EventStoreUnderTest): void {
  describe('close', () => {
    it('keeps what was appended, refuses appends afterwards, and may be called twice', async () => {
      const other = await harness().openAnother();
      const stream = uniqueStream();
      const event = anEvent();
      await other.append(stream, [event]);

      await other.close();

      await expect(other.append(stream, [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(other.close()).resolves.toBeUndefined();
      expect((await harness().store.readStream(stream)).map((read) => read.id)).toEqual([event.id]);
    });
  });
}
