/// <reference types="jest" />
import type { EventStore, RecordedEvent } from '../port/event-store.port';
import { anEvent, deferred, events, ids, isStrictlyIncreasing, record, sleep, uniqueStream, waitFor } from './conformance-fixtures';
import type { EventStoreUnderTest } from './event-store.conformance';

// Long enough for a live event to arrive from any adapter; used to show that one does NOT arrive.
const QUIET_MS = 300;

export function describeSubscriptionCases(harness: () => EventStoreUnderTest): void {
  const store = (): EventStore => harness().store;

  describe('subscribeToAll', () => {
    it('catches up on history, calls onCaughtUp once, then delivers live events in order', async () => {
      const stream = uniqueStream();
      const head = await store().headPosition();
      const history = events(2);
      await store().append(stream, history);

      const recording = record(store(), head, [stream]);
      await waitFor(() => recording.caughtUp.length > 0, 'onCaughtUp');
      expect(ids(recording.caughtUp[0]!)).toEqual(ids(history));

      const live = [anEvent(), anEvent()];
      for (const event of live) await store().append(stream, [event]);
      await waitFor(() => recording.delivered.length === 4, 'the live events');
      await recording.subscription.stop();

      expect(ids(recording.delivered)).toEqual(ids([...history, ...live]));
      expect(recording.delivered.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      expect(isStrictlyIncreasing(recording.delivered.map((event) => event.position))).toBe(true);
      expect(recording.caughtUp).toHaveLength(1);
      expect(recording.errors).toEqual([]);
    });

    it('calls onCaughtUp even when there is no history to deliver', async () => {
      const stream = uniqueStream();
      const recording = record(store(), await store().headPosition(), [stream]);
      await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
      await store().append(stream, [anEvent()]);
      await waitFor(() => recording.delivered.length === 1, 'the live event');
      await recording.subscription.stop();
      expect(recording.caughtUp).toEqual([[]]);
    });

    it('`after` is exclusive', async () => {
      const stream = uniqueStream();
      const appended = events(3);
      await store().append(stream, appended);
      const [first] = await store().readStream(stream, { maxCount: 1 });

      const recording = record(store(), first!.position, [stream]);
      await waitFor(() => recording.delivered.length >= 2, 'two events');
      await sleep(QUIET_MS);
      await recording.subscription.stop();
      expect(ids(recording.delivered)).toEqual(ids(appended.slice(1)));
    });

    it('awaits the handler: one onEvent call at a time, in order', async () => {
      const stream = uniqueStream();
      const head = await store().headPosition();
      await store().append(stream, events(4));
      const delivered: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const subscription = store().subscribeToAll(head === undefined ? {} : { after: head }, {
        onEvent: async (event) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (event.streamName === stream) {
            delivered.push(event);
            await sleep(15);
          }
          inFlight--;
        },
      });
      // Live events arriving while the handler is still busy must wait their turn too.
      await waitFor(() => delivered.length >= 1, 'the first event');
      await store().append(stream, events(1));
      await store().append(stream, events(1));
      await waitFor(() => delivered.length === 6, 'six events');
      await subscription.stop();

      expect(maxInFlight).toBe(1);
      expect(delivered.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('stop() waits for the handler in flight, then nothing more is delivered', async () => {
      const stream = uniqueStream();
      const gate = deferred();
      let entered = false;
      const recording = record(store(), await store().headPosition(), [stream], async () => {
        entered = true;
        await gate.promise;
      });
      await store().append(stream, [anEvent()]);
      await waitFor(() => entered, 'the handler to start');

      let stopped = false;
      const stopping = recording.subscription.stop().then(() => (stopped = true));
      await sleep(50);
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;

      await store().append(stream, [anEvent()]);
      await sleep(QUIET_MS);
      expect(recording.delivered).toHaveLength(1);
      expect(recording.errors).toEqual([]);
    });

    it('a throwing handler ends the subscription through onError', async () => {
      const stream = uniqueStream();
      const failure = new Error('projection bug');
      const recording = record(store(), await store().headPosition(), [stream], () => {
        throw failure;
      });
      await store().append(stream, [anEvent()]);
      await waitFor(() => recording.errors.length > 0, 'onError');
      await store().append(stream, [anEvent()]);
      await sleep(QUIET_MS);
      await recording.subscription.stop();
      expect(recording.errors).toEqual([failure]);
      expect(recording.delivered).toHaveLength(1);
    });

    it('delivers events appended through another handle within 1 s', async () => {
      const other = await harness().openAnother();
      try {
        const stream = uniqueStream();
        const recording = record(store(), await store().headPosition(), [stream]);
        await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
        const event = anEvent();
        await other.append(stream, [event]);
        await waitFor(() => recording.delivered.length === 1, 'the event from the other handle', 1000);
        await recording.subscription.stop();
        expect(ids(recording.delivered)).toEqual([event.id]);
      } finally {
        await other.close();
      }
    });
  });
}
