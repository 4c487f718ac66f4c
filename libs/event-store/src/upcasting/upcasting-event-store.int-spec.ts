import { esdbServerForTests, STORE_DEADLINES_FOR_TESTS, type EsdbServerForTests } from '@keyward/testing/esdb-double';
import { anEvent, ids, record, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import { describeEventStoreConformance, type EventStoreUnderTest } from '../conformance/event-store.conformance';
import { openEsdbEventStore } from '../esdb/esdb-event-store';
import type { EventStore, EventToAppend } from '../port/event-store.port';
import type { Upcaster } from './upcaster';
import { withUpcasting } from './upcasting-event-store';

// v1 stored the OAuth client id; v2 names the credential and says how the secret was hashed.
const clientSecretRotatedV1toV2: Upcaster = {
  type: 'ClientSecretRotated',
  fromVersion: 1,
  upcast: (data) => {
    const { clientId, secretHash } = data as { clientId: string; secretHash: string };
    return { credentialId: clientId, secretHash, hashAlgorithm: 'hmac-sha256' };
  },
};

const v1Event = (clientId: string): EventToAppend => ({
  ...anEvent('ClientSecretRotated', { clientId, secretHash: `hash-of-${clientId}` }),
  metadata: { schemaVersion: 1, actor: 'admin-1' },
});

const v2Data = (clientId: string) => ({ credentialId: clientId, secretHash: `hash-of-${clientId}`, hashAlgorithm: 'hmac-sha256' });

// The decorator must be invisible to everything the contract checks.
describeEventStoreConformance('esdb with upcasting', async (): Promise<EventStoreUnderTest> => {
  const server = await esdbServerForTests();
  const open = (): EventStore =>
    withUpcasting(openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS }), [
      clientSecretRotatedV1toV2,
    ]);
  const handles = [open()];
  return {
    store: handles[0]!,
    openAnother: async () => {
      handles.push(open());
      return handles.at(-1)!;
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await server.dispose();
    },
  };
});

describe('reading v1 events through a v2 upcaster', () => {
  let server: EsdbServerForTests;
  let raw: EventStore;
  let upcasting: EventStore;

  beforeAll(async () => {
    server = await esdbServerForTests();
    raw = openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS });
    upcasting = withUpcasting(openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS }), [
      clientSecretRotatedV1toV2,
    ]);
  });
  afterAll(async () => {
    await Promise.all([raw.close(), upcasting.close()]);
    await server.dispose();
  });

  it('readStream, readAll and subscribeToAll all deliver v2, and the stored events stay v1', async () => {
    const stream = uniqueStream('service_account');
    const head = await raw.headPosition();
    await raw.append(stream, [v1Event('c1'), v1Event('c2')]);

    const read = await upcasting.readStream(stream);
    expect(read.map((event) => event.data)).toEqual([v2Data('c1'), v2Data('c2')]);
    expect(read.map((event) => event.metadata)).toEqual([
      { schemaVersion: 2, actor: 'admin-1' },
      { schemaVersion: 2, actor: 'admin-1' },
    ]);
    expect((await upcasting.readAll({ after: head })).filter((event) => event.streamName === stream).map((event) => event.data)).toEqual([
      v2Data('c1'),
      v2Data('c2'),
    ]);

    const recording = record(upcasting, head, [stream]);
    await waitFor(() => recording.delivered.length === 2, 'the upcast events');
    await recording.subscription.stop();
    expect(recording.delivered.map((event) => event.data)).toEqual([v2Data('c1'), v2Data('c2')]);

    expect((await raw.readStream(stream)).map((event) => event.metadata['schemaVersion'])).toEqual([1, 1]);
  });

  it('appends record the current version, and current events are read as written', async () => {
    const stream = uniqueStream('service_account');
    const current = anEvent('ClientSecretRotated', v2Data('c3'));
    await upcasting.append(stream, [{ ...current, metadata: { actor: 'admin-2' } }]);

    const [stored] = await raw.readStream(stream);
    expect(stored!.metadata).toEqual({ actor: 'admin-2', schemaVersion: 2 });
    const [read] = await upcasting.readStream(stream);
    expect({ id: read!.id, data: read!.data }).toEqual({ id: current.id, data: v2Data('c3') });
  });

  it('an upcaster that throws ends a subscription through onError, like a handler would', async () => {
    const stream = uniqueStream('service_account');
    const broken = withUpcasting(raw, [
      {
        ...clientSecretRotatedV1toV2,
        upcast: () => {
          throw new Error('bad upcaster');
        },
      },
    ]);
    const recording = record(broken, await raw.headPosition(), [stream]);
    await raw.append(stream, [v1Event('c4')]);
    await waitFor(() => recording.errors.length === 1, 'onError');
    await recording.subscription.stop();
    expect(recording.errors.map((error) => error.message)).toEqual(['bad upcaster']);
    expect(ids(recording.delivered)).toEqual([]);
  });
});
