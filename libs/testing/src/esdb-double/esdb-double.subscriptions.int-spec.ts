import { excludeSystemEvents, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { doubleRig, event, eventually } from './double-spec-helpers';

// Item 6: a catch-up subscription's protocol, including falling behind a bounded live buffer.
describe('EventStoreDB double: subscriptions', () => {
  const { client } = doubleRig({ liveBufferSize: 4 });

  it('confirms, catches up, and after a slow reader overflows the live buffer sends fell_behind, catches up and caught_up again', async () => {
    const subscription = client().subscribeToAll({ filter: excludeSystemEvents() });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation'));
    subscription.on('caughtUp', () => signals.push('caughtUp'));
    subscription.on('fellBehind', () => signals.push('fellBehind'));
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    // Nobody reads now: gRPC flow control holds the server's writes while appends keep coming.
    const written: bigint[] = [];
    for (let n = 0; n < 200; n++)
      written.push((await client().appendToStream('burst', event('Burst', { n, pad: 'x'.repeat(8000) }))).position!.commit);
    const seen: bigint[] = [];
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.position.commit));
    await eventually(() => expect(seen).toEqual(written));
    expect(signals.slice(0, 2)).toEqual(['confirmation', 'caughtUp']);
    expect(signals).toContain('fellBehind');
    expect(signals.filter((signal) => signal === 'caughtUp').length).toBeGreaterThanOrEqual(2);
    await subscription.unsubscribe();
  });
});
