import { excludeSystemEvents, UnknownError, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { collect, doubleRig, event, eventually, rejection } from './double-spec-helpers';

// Item 1 of the double's contract: positions as KurrentDB's transaction log has them.
describe('EventStoreDB double: log positions', () => {
  const { client } = doubleRig();

  it('starts $all with system records: $epoch-information hidden, $$ metadata and $users visible', async () => {
    await client().appendToStream('a', event('A1'));
    const all = await collect(client().readAll());
    const types = all.map((e) => e.event!.type);
    expect(types).not.toContain('$epoch-information');
    expect(types).toEqual(expect.arrayContaining(['$metadata', '$User', 'A1']));
    expect(all[0]!.event!.position!.commit).toBeGreaterThan(0n);
    const [epoch] = await collect(client().readStream('$epochs'));
    expect(epoch!.event!.type).toBe('$epoch-information');
    // Commit = prepare for gRPC writes.
    expect(all.every((e) => e.event!.position!.commit === e.event!.position!.prepare)).toBe(true);
  });

  it('refuses a one-off read from inside a record with UNKNOWN "Unexpected ReadAllResult: InvalidPosition"', async () => {
    const { position } = await client().appendToStream('a', event('A1'));
    const inside = { commit: position!.commit + 1n, prepare: position!.prepare + 1n };
    const error = await rejection(collect(client().readAll({ fromPosition: inside })));
    expect(error).toBeInstanceOf(UnknownError);
    expect(error.message).toContain('Unexpected ReadAllResult: InvalidPosition');
    expect(error.code).toBe(2);
    await expect(collect(client().readAll({ fromPosition: inside, direction: 'backwards' }))).rejects.toThrow('InvalidPosition');
  });

  it('fails a subscription from inside a record with INVALID_ARGUMENT after its confirmation', async () => {
    const { position } = await client().appendToStream('a', event('A1'));
    const subscription = client().subscribeToAll({ fromPosition: { commit: position!.commit + 1n, prepare: position!.commit + 1n } });
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));
    const failed = new Promise<Error & { code?: number }>((resolve) => subscription.once('error', resolve));
    subscription.on('data', () => undefined);
    await confirmed;
    const error = await failed;
    expect(error.message).toContain('Trying to read from an invalid position.');
    expect(error.code).toBe(3);
  });

  it('accepts a subscription from past the end: it goes live, skipping events up to that position', async () => {
    const { position } = await client().appendToStream('a', event('A1'));
    const far = { commit: position!.commit + 2000n, prepare: position!.commit + 2000n };
    const subscription = client().subscribeToAll({ fromPosition: far, filter: excludeSystemEvents() });
    const seen: string[] = [];
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.type));
    await caughtUp;
    expect(await collect(client().readAll({ fromPosition: far }))).toEqual([]);
    // Below `far` (the big one ends past it), then beyond it.
    await client().appendToStream('a', [event('Skipped'), event('AlsoSkipped', { blob: 'x'.repeat(3000) }), event('Delivered')]);
    await eventually(() => expect(seen).toEqual(['Delivered']));
    await subscription.unsubscribe();
  });

  it('reads forward including the position, backward excluding it; a subscription starts after it', async () => {
    await client().appendToStream('s', [event('One'), event('Two'), event('Three')]);
    const [one, two] = (await collect(client().readStream('s'))).map((e) => e.event!.position!);
    expect((await collect(client().readAll({ fromPosition: two!, maxCount: 1 })))[0]!.event!.type).toBe('Two');
    expect((await collect(client().readAll({ fromPosition: two!, direction: 'backwards', maxCount: 1 })))[0]!.event!.type).toBe('One');
    const subscription = client().subscribeToAll({ fromPosition: one!, filter: excludeSystemEvents() });
    const seen: string[] = [];
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.type));
    await eventually(() => expect(seen).toEqual(['Two', 'Three']));
    await subscription.unsubscribe();
  });
});
