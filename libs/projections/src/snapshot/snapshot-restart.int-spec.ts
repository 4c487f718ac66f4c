import { randomUUID } from 'node:crypto';
import { everyEventTypeFixture } from '../../../audit/src/testing/every-event-type.fixture';
import { openTempEventStore } from '../../../audit/src/testing/temp-event-store';
import {
  DEFAULT_ORGANIZATION_POLICY,
  ORGANIZATION_EVENT_TYPES,
  SERVICE_ACCOUNT_EVENT_TYPES,
  SIGNING_KEY_EVENT_TYPES,
  TOKEN_ISSUANCE_EVENT_TYPES,
  tokenIssuanceStream,
} from '@keyward/domain';
import type { EventStore, RecordedEvent } from '@keyward/event-store';
import {
  AuditLogIndexProjection,
  ClientCredentialsProjection,
  OrganizationsProjection,
  ProjectionRunner,
  CredentialUsageProjection,
  RevokedAccessTokensProjection,
  SuspiciousActivityDetector,
  ServiceAccountsProjection,
  type Projection,
} from '../index';
import { ReadModelSnapshotStore, SNAPSHOT_STREAM } from './read-model-snapshot-store';

/** Counts the events of one stream it saw, restarted from that stream (like the signing keys). */
class StreamCounter implements Projection {
  readonly name = 'stream-counter';
  readonly restart = { kind: 'stream', stream: 'signing_keys' } as const;
  readonly seen: string[] = [];
  apply(event: RecordedEvent): void {
    if (event.streamName === 'signing_keys') this.seen.push(event.id);
  }
}

const readModels = () => {
  const projections = [
    new ClientCredentialsProjection(),
    new ServiceAccountsProjection(),
    new OrganizationsProjection(),
    new AuditLogIndexProjection(),
    new RevokedAccessTokensProjection(),
    new CredentialUsageProjection(),
    new SuspiciousActivityDetector(
      () => DEFAULT_ORGANIZATION_POLICY,
      () => new Date(),
    ),
  ];
  const counter = new StreamCounter();
  return { projections, counter, all: [...projections, counter] as Projection[] };
};
const silent = { error: (message: string, error: unknown) => console.error(message, error) };
const stateOf = (projections: readonly Projection[]) => projections.map((p) => (p.restart as { state(): unknown }).state());

describe('read models restarted from a snapshot', () => {
  let temp: ReturnType<typeof openTempEventStore>;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  beforeEach(() => ({ store } = temp = openTempEventStore()));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await temp.dispose();
  });

  // The fixture names streams after types; the read models look for the real stream names.
  function streamOf(event: RecordedEvent): string {
    const data = event.data as { organizationId?: string; serviceAccountId?: string };
    if ((ORGANIZATION_EVENT_TYPES as readonly string[]).includes(event.type)) return `organization-${data.organizationId}`;
    if ((SERVICE_ACCOUNT_EVENT_TYPES as readonly string[]).includes(event.type)) return `service_account-${data.serviceAccountId}`;
    if ((TOKEN_ISSUANCE_EVENT_TYPES as readonly string[]).includes(event.type)) return tokenIssuanceStream(data.organizationId);
    if ((SIGNING_KEY_EVENT_TYPES as readonly string[]).includes(event.type)) return 'signing_keys';
    throw new Error(`no stream for ${event.type}`);
  }

  async function append(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events)
      await store.append(streamOf(event), [{ id: randomUUID(), type: event.type, data: event.data, metadata: event.metadata }]);
  }

  async function started(projections: readonly Projection[], snapshots?: ReadModelSnapshotStore): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({ store, projections, logger: silent, snapshots });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  it('equals a full replay: the snapshot, then only the events after its position', async () => {
    const fixture = await everyEventTypeFixture();
    const history = [...fixture.events.values(), ...fixture.variants];
    const half = Math.floor(history.length / 2);
    await append(history.slice(0, half));
    const snapshots = new ReadModelSnapshotStore(store);
    const first = await started(readModels().all, snapshots);
    const snapshotAt = first.appliedPosition;
    await first.snapshot();
    await append(history.slice(half));
    const head = (await store.headPosition())!;

    const restarted = readModels();
    const fromSnapshot = await started(restarted.all, snapshots);
    await fromSnapshot.waitFor(head);
    const replayed = readModels();
    await (await started(replayed.all)).waitFor(head);

    expect(fromSnapshot.restoredFrom).toBe(snapshotAt);
    // It applied the tail only: fewer events than the replay, and at least every event after the snapshot.
    expect(fromSnapshot.appliedEvents).toBeLessThan(history.length);
    expect(stateOf(restarted.projections)).toEqual(stateOf(replayed.projections));
    // Not two empty models: the replay holds the organization, credentials and a revoked jti (the account was deleted).
    const organizationId = (history.find((e) => e.type === 'OrganizationCreated')!.data as { organizationId: string }).organizationId;
    expect((replayed.projections[2] as OrganizationsProjection).get(organizationId)).toBeDefined();
    expect((stateOf(replayed.projections)[0] as { byCredentialId: Map<string, unknown> }).byCredentialId.size).toBeGreaterThan(0);
    expect((replayed.projections[4] as RevokedAccessTokensProjection).size).toBeGreaterThan(0);
    expect(restarted.counter.seen).toEqual(replayed.counter.seen);
    expect(restarted.counter.seen.length).toBeGreaterThan(0);
    expect((restarted.projections[2] as OrganizationsProjection).get(organizationId)).toEqual(
      (replayed.projections[2] as OrganizationsProjection).get(organizationId),
    );
    expect((restarted.projections[1] as ServiceAccountsProjection).list(organizationId)).toEqual(
      (replayed.projections[1] as ServiceAccountsProjection).list(organizationId),
    );
  });

  it('takes no snapshot when nothing but checkpoints happened since the last one, and keeps one snapshot in the stream', async () => {
    const fixture = await everyEventTypeFixture();
    await append([...fixture.events.values()].slice(0, 5));
    const snapshots = new ReadModelSnapshotStore(store);
    const runner = await started(readModels().all, snapshots);
    await runner.snapshot();
    const head = (await store.headPosition())!;
    await runner.waitFor(head);
    await runner.snapshot();
    expect(await store.headPosition()).toBe(head);
    await append([...fixture.events.values()].slice(5, 6));
    await runner.waitFor((await store.headPosition())!);
    await runner.snapshot();
    const kept = await store.readStream(SNAPSHOT_STREAM);
    expect(kept.map((event) => event.type)).toEqual(['ReadModelSnapshotChunk', 'ReadModelSnapshotTaken']);
  });

  it('replays from the beginning when the snapshot cannot be used (a projection without restart, or none stored)', async () => {
    const fixture = await everyEventTypeFixture();
    await append([...fixture.events.values()].slice(0, 4));
    const snapshots = new ReadModelSnapshotStore(store);
    const runner = await started(readModels().all, snapshots);
    await runner.snapshot();
    const plain: Projection = { name: 'plain', apply: () => undefined };
    const again = await started([...readModels().all, plain], snapshots);
    expect(again.restoredFrom).toBeUndefined();
    expect(again.appliedEvents).toBeGreaterThanOrEqual(4);
  });
});
