import { randomUUID } from 'node:crypto';
import { organizationStream, serviceAccountStream } from '@keyward/domain';
import { AggregateStore, EVENT_STORE } from '@keyward/application';
import { TestClock } from '@keyward/testing/test-clock';
import { AbandonedSlotSweeper } from '../../apps/server/src/admin/service-accounts/release-abandoned-slots/abandoned-slot.sweeper';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';
import type { EventStore } from '@keyward/event-store';

describe('AbandonedSlotSweeper', () => {
  let keyward: KeywardUnderTest;
  // One clock for the reservation (its event's occurredAt) and the sweeper's cutoff: the machine's load changes nothing.
  const clock = new TestClock();

  beforeAll(async () => (keyward = await startKeyward({ clock: clock.now })));
  afterAll(() => keyward.dispose());

  it('gives back a slot whose account was never created (a crash between the two appends), after the grace period', async () => {
    const admin = await keyward.bootstrap('Crashy');
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const usedBefore = (await api('GET', '/organization')).body.used;
    // What a crash right after the reservation leaves behind: the slot, and no ServiceAccountCreated.
    const orphan = randomUUID();
    await keyward.app
      .get(AggregateStore)
      .append(
        organizationStream(admin.orgId),
        [{ type: 'ServiceAccountSlotReserved', data: { organizationId: admin.orgId, serviceAccountId: orphan, name: 'half-made' } }],
        { actor: 'test', organizationId: admin.orgId, correlationId: 'crash' },
      );
    expect((await api('GET', '/organization')).body.used).toBe(usedBefore + 1);
    expect((await api('POST', '/service-accounts', { name: 'half-made' })).status).toBe(409);

    const sweeper = keyward.app.get(AbandonedSlotSweeper);
    expect(await sweeper.sweep()).toBe(0); // still within the grace period: it may be a create in flight
    clock.advance(61);
    expect(await sweeper.sweep()).toBe(1);
    expect(await sweeper.sweep()).toBe(0);

    expect((await api('GET', '/organization')).body.used).toBe(usedBefore);
    expect((await api('POST', '/service-accounts', { name: 'half-made' })).status).toBe(201);
    const store = keyward.app.get<EventStore>(EVENT_STORE);
    expect((await store.readStream(serviceAccountStream(orphan))).length).toBe(0);
    const released = (await store.readStream(organizationStream(admin.orgId))).filter((e) => e.type === 'ServiceAccountSlotReleased');
    expect(released.map((e) => e.data)).toEqual([{ organizationId: admin.orgId, serviceAccountId: orphan }]);
  });

  it('leaves the slots of live accounts alone', async () => {
    const admin = await keyward.bootstrap('Healthy');
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    await api('POST', '/service-accounts', { name: 'alive' });
    clock.advance(120);
    await keyward.app.get(AbandonedSlotSweeper).sweep();
    expect((await api('GET', '/organization')).body.used).toBe(2);
  });
});
