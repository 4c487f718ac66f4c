import { EsdbDouble } from '@keyward/testing/esdb-double';
import { anEvent, ids, record, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import { EventStoreRefused, EventStoreUnavailable } from '../port/event-store.errors';
import { openEsdbEventStore, type EsdbEventStore } from './esdb-event-store';
import type { SubscriptionFailure } from './esdb-subscription';

// Hanging, denying and failing on purpose needs the double; a real EVENTSTORE_URL server cannot be told to.
const describeWithDouble = process.env['EVENTSTORE_URL'] ? describe.skip : describe;

describeWithDouble('EsdbEventStore: deadlines, refusals and surfaced subscription failures', () => {
  let double: EsdbDouble;
  let store: EsdbEventStore;
  let failures: SubscriptionFailure[];

  beforeEach(async () => {
    double = await EsdbDouble.start();
    failures = [];
    store = openEsdbEventStore({
      connectionString: double.connectionString,
      callTimeoutMs: 1000,
      readTimeoutMs: 1000,
      resubscribe: { delayMs: () => 20 },
      onSubscriptionFailure: (failure) => failures.push(failure),
    });
  });
  afterEach(async () => {
    double.resume();
    await store.close();
    await double.stop();
  });

  it('bounds every call on a node that accepts connections and never answers, then recovers on a fresh client', async () => {
    const stream = uniqueStream();
    const [before, during, after] = [anEvent(), anEvent(), anEvent()];
    await store.append(stream, [before]);
    double.hang();
    await expect(store.append(stream, [during])).rejects.toThrow(new EventStoreUnavailable('EventStoreDB did not answer within 1000 ms'));
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readAt([1n])).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailable);
    double.resume();
    // The fresh client connects first; on a busy machine that may overrun the short deadline too.
    // Retrying the same event is idempotent (its id).
    await eventuallyResolves(() => store.append(stream, [after]));
    // The overrun append's outcome is unknown (it was sent; the node may write it once it answers again).
    const stored = ids(await store.readStream(stream));
    expect([before.id, after.id].every((id) => stored.includes(id))).toBe(true);
    expect(stored.filter((id) => id !== during.id)).toEqual([before.id, after.id]);
  });

  it('answers an outage (not ready, commit timeout) with EventStoreUnavailable', async () => {
    double.node.role = 'not-ready';
    await expect(store.append(uniqueStream(), [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(EventStoreUnavailable);
    double.node.role = 'leader';
    double.node.writesStall = true;
    await expect(store.append(uniqueStream(), [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('answers a refusal that means our bug or a misconfiguration with EventStoreRefused, never EventStoreUnavailable', async () => {
    const { position } = await store.append(uniqueStream(), [anEvent()]);
    const inside = await store.readAt([position + 1n]).catch((error: unknown) => error);
    expect(inside).toBeInstanceOf(EventStoreRefused);
    expect(inside).toMatchObject({ reason: 'invalid_request', message: expect.stringContaining('InvalidPosition') });
    double.node.denyAccess((_operation, stream) => stream === '$all');
    await expect(store.headPosition()).rejects.toMatchObject({ name: 'EventStoreRefused', reason: 'access_denied' });
  });

  it('surfaces a refused subscription through onError at once, reporting it as fatal; drops are reported and retried', async () => {
    const recording = record(store, undefined, []);
    await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
    await double.stop();
    await double.restart();
    await waitFor(() => failures.length >= 1, 'the drop to be reported');
    expect(failures[0]).toMatchObject({ fatal: false, error: expect.any(EventStoreUnavailable) });
    await recording.subscription.stop();

    double.node.denyAccess((operation, stream) => operation === 'read' && stream === '$all');
    const denied = record(store, undefined, []);
    await waitFor(() => denied.errors.length === 1, 'the refusal to surface');
    expect(denied.errors[0]).toMatchObject({ name: 'EventStoreRefused', reason: 'access_denied' });
    expect(failures.at(-1)).toMatchObject({ fatal: true });
  });
});

async function eventuallyResolves<T>(attempt: () => Promise<T>, attempts = 20): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !(error instanceof EventStoreUnavailable)) throw error;
    }
  }
}
