import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organizationDecider, organizationStream, ServiceAccountNameTaken } from '@keyward/domain';
import { openSqliteEventStore, WrongExpectedRevision, type EventStore } from '@keyward/event-store';
import { AggregateStore } from './aggregate-store';
import { NO_READ_MODELS } from './read-model-consistency';

describe('AggregateStore on the embedded store', () => {
  let store: EventStore;
  let aggregates: AggregateStore;
  const context = { actor: 'test', correlationId: 'c-1', organizationId: 'org-1' };
  const stream = organizationStream('org-1');

  beforeEach(async () => {
    store = openSqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'keyward-agg-')), 'events.sqlite') });
    aggregates = new AggregateStore(store, NO_READ_MODELS, () => new Date('2026-11-28T10:00:00Z'));
    await aggregates.execute(
      stream,
      organizationDecider,
      { type: 'CreateOrganization', organizationId: 'org-1', name: 'Acme', plan: 'free', now: new Date() },
      context,
    );
  });
  afterEach(() => store.close());

  it('records the events with the command context as metadata', async () => {
    await aggregates.execute(
      stream,
      organizationDecider,
      { type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-1', name: 'bot' },
      context,
    );
    const [, reserved] = await store.readStream(stream);
    expect(reserved.type).toBe('ServiceAccountSlotReserved');
    expect(reserved.metadata).toEqual({
      actor: 'test',
      organizationId: 'org-1',
      correlationId: 'c-1',
      occurredAt: '2026-11-28T10:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('fails a command decided on a stale revision with WrongExpectedRevision, appending nothing', async () => {
    const racing = [0, 1].map((i) =>
      aggregates.execute(
        stream,
        organizationDecider,
        { type: 'ReserveServiceAccountSlot', serviceAccountId: `sa-${i}`, name: `bot ${i}` },
        context,
      ),
    );
    const outcomes = await Promise.allSettled(racing);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('retries a commuting command on conflict, and re-decides against the new state', async () => {
    const racing = [0, 1].map((i) =>
      aggregates.execute(
        stream,
        organizationDecider,
        { type: 'ReserveServiceAccountSlot', serviceAccountId: `sa-${i}`, name: `bot ${i}` },
        context,
        { retries: 3 },
      ),
    );
    await Promise.all(racing);
    expect(await store.readStream(stream)).toHaveLength(3);
    const sameName = [0, 1].map((i) =>
      aggregates.execute(
        stream,
        organizationDecider,
        { type: 'ReserveServiceAccountSlot', serviceAccountId: `sb-${i}`, name: 'twin' },
        context,
        { retries: 3 },
      ),
    );
    const outcomes = await Promise.allSettled(sameName);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ServiceAccountNameTaken);
  });
});
