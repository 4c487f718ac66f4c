import { EsdbDouble } from '@keyward/testing/esdb-double';
import { anEvent, ids, record, sleep, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import { EventStoreUnavailable } from '../port/event-store.errors';
import type { EventToAppend } from '../port/event-store.port';
import { openEsdbEventStore, type EsdbEventStore } from './esdb-event-store';

// Stopping the server needs the double; a real EVENTSTORE_URL server cannot be restarted from here.
const describeWithDouble = process.env['EVENTSTORE_URL'] ? describe.skip : describe;

describeWithDouble('EsdbEventStore when the server goes away and comes back', () => {
  let double: EsdbDouble;
  let store: EsdbEventStore;
  let resubscriptions: number;

  beforeEach(async () => {
    double = await EsdbDouble.start();
    resubscriptions = 0;
    const delayMs = (): number => {
      resubscriptions++;
      return 50;
    };
    store = openEsdbEventStore({ connectionString: double.connectionString, resubscribe: { delayMs } });
  });
  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('refuses appends with EventStoreUnavailable while down, then recovers by itself', async () => {
    const stream = uniqueStream();
    await store.append(stream, [anEvent()]);
    await double.stop();

    const startedAt = Date.now();
    await expect(store.append(stream, [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailable);
    // Fail fast: a token request must get its 503 promptly, not after the client's 10 s deadline.
    expect(Date.now() - startedAt).toBeLessThan(2000);

    await double.restart();
    await eventuallyResolves(() => store.append(stream, [anEvent()]));
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('under load: nothing acknowledged is lost, and the subscription resumes without gaps or repeats', async () => {
    const stream = uniqueStream();
    const recording = record(store, await store.headPosition(), [stream]);
    await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');

    const acknowledged: EventToAppend[] = [];
    const refusals: unknown[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const event = anEvent();
        try {
          await store.append(stream, [event]);
          acknowledged.push(event);
        } catch (error) {
          refusals.push(error);
          await sleep(10);
        }
      }
    });

    await waitFor(() => acknowledged.length >= 50, 'appends before the outage');
    await double.stop();
    await waitFor(() => refusals.length >= 5, 'appends refused during the outage');
    await double.restart();
    const beforeRecovery = acknowledged.length;
    await waitFor(() => acknowledged.length >= beforeRecovery + 50, 'appends after the restart', 10_000);
    writing = false;
    await Promise.all(writers);

    expect(refusals.every((error) => error instanceof EventStoreUnavailable)).toBe(true);
    // Every acknowledged event is durable and delivered exactly once, in log order.
    const stored = await store.readStream(stream);
    expect(new Set(ids(stored)).size).toBe(stored.length);
    expect(ids(stored)).toEqual(expect.arrayContaining(ids(acknowledged)));
    await waitFor(() => recording.delivered.length === stored.length, 'the subscription to deliver everything stored', 10_000);
    expect(ids(recording.delivered)).toEqual(ids(stored));
    expect(recording.errors).toEqual([]);
    expect(recording.caughtUp).toHaveLength(1);
    expect(resubscriptions).toBeGreaterThan(0);
    await recording.subscription.stop();
  });

  it('a subscription opened while the server is down catches up once it is back, signalling caught-up once', async () => {
    const stream = uniqueStream();
    await store.append(stream, [anEvent(), anEvent()]);
    await double.stop();
    const recording = record(store, undefined, [stream]);
    await sleep(200);
    expect(recording.caughtUp).toEqual([]);
    await double.restart();
    await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp after the restart');
    expect(recording.delivered).toHaveLength(2);
    expect(recording.errors).toEqual([]);
    await recording.subscription.stop();
  });

  it('a subscription stopped while the server is down stops at once', async () => {
    const recording = record(store, undefined, []);
    await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
    await double.stop();
    await sleep(100);
    const startedAt = Date.now();
    await recording.subscription.stop();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(recording.errors).toEqual([]);
  });
});

async function eventuallyResolves<T>(attempt: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}
