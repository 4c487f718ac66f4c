import { esdbServerForTests, STORE_DEADLINES_FOR_TESTS } from '@keyward/testing/esdb-double';
import { anEvent, events, expectWrongRevision, ids, sleep, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import { describeEventStoreConformance, type EventStoreUnderTest } from '../conformance/event-store.conformance';
import type { EventStore } from '../port/event-store.port';
import { openEsdbEventStore } from './esdb-event-store';

// Against EVENTSTORE_URL when set, otherwise against the wire-level double (libs/testing/src/esdb-double).
describeEventStoreConformance('esdb', async (): Promise<EventStoreUnderTest> => {
  const server = await esdbServerForTests();
  const handles = [openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS })];
  return {
    store: handles[0]!,
    openAnother: async () => {
      const another = openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS });
      handles.push(another);
      return another;
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await server.dispose();
    },
  };
});

describe('EsdbEventStore', () => {
  let store: EventStore;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const server = await esdbServerForTests();
    store = openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS });
    dispose = async () => {
      await store.close();
      await server.dispose();
    };
  });
  afterAll(() => dispose());

  it('never returns EventStoreDB system events from readAll or headPosition', async () => {
    const stream = uniqueStream();
    await store.append(stream, [anEvent()]);
    const all = await store.readAll();
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((event) => event.type.startsWith('$') || event.streamName.startsWith('$'))).toBe(false);
    expect(await store.headPosition()).toBe(all.at(-1)!.position);
  });

  it('pages through $all beyond one server page, keeping maxCount exact', async () => {
    const stream = uniqueStream();
    const head = await store.headPosition();
    const appended = events(700);
    for (let i = 0; i < appended.length; i += 100) await store.append(stream, appended.slice(i, i + 100));
    expect(ids(await store.readAll({ after: head }))).toEqual(ids(appended));
    expect(await store.readAll({ after: head, maxCount: 501 })).toHaveLength(501);
  });

  it('acknowledges a retried append (same ids, same expected revision) with the original revision and position', async () => {
    const stream = uniqueStream();
    const batch = events(2);
    const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
    await expect(store.append(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(2);
    await expectWrongRevision(store.append(stream, [anEvent()], { expectedRevision: 'no_stream' }), {
      stream,
      expected: 'no_stream',
      actual: 1,
    });
  });

  it('signals caught-up only after the handler of the last historical event has finished', async () => {
    const stream = uniqueStream();
    const head = await store.headPosition();
    await store.append(stream, events(3));
    let completed = 0;
    let completedAtCaughtUp: number | undefined;
    const subscription = store.subscribeToAll(head === undefined ? {} : { after: head }, {
      onEvent: async (event) => {
        if (event.streamName !== stream) return;
        await sleep(30);
        completed++;
      },
      onCaughtUp: () => (completedAtCaughtUp = completed),
    });
    await waitFor(() => completedAtCaughtUp !== undefined, 'onCaughtUp');
    await subscription.stop();
    expect(completedAtCaughtUp).toBe(3);
  });

  it('refuses input no server would take before sending it', async () => {
    await expect(store.append(uniqueStream(), [])).rejects.toBeInstanceOf(TypeError);
    await expect(store.append(uniqueStream(), [{ ...anEvent(), id: 'not-a-uuid' }])).rejects.toBeInstanceOf(TypeError);
    await expect(store.append(uniqueStream(), [anEvent()], { expectedRevision: -1 })).rejects.toBeInstanceOf(TypeError);
  });
});
