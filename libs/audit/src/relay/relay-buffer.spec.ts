import type { RecordedEvent } from '@keyward/event-store';
import { eventBytes, RelayBuffer } from './relay-buffer';

let position = 0n;
const event = (size: number): RecordedEvent => ({
  id: `e${position}`,
  type: 'TokenRequestRefused',
  data: { padding: 'x'.repeat(size) },
  metadata: {},
  streamName: 'token_issuance-unknown',
  revision: Number(position),
  position: position++,
  recordedAt: new Date(0),
});

describe('RelayBuffer bounds batches by bytes as well as by count', () => {
  it('takes no more bytes than asked, in order, and one oversized event alone', async () => {
    const buffer = new RelayBuffer(100, Number.POSITIVE_INFINITY);
    const small = [event(100), event(100), event(100)];
    const big = event(10_000);
    for (const e of [...small, big, event(100)]) await buffer.put(e);
    const limit = eventBytes(small[0]) * 2;
    expect(await buffer.take(1000, 0, limit)).toEqual(small.slice(0, 2));
    expect(await buffer.take(1000, 0, limit)).toEqual([small[2]]);
    expect(await buffer.take(1000, 0, limit)).toEqual([big]);
    expect(buffer.size).toBe(1);
  });

  it('pauses the subscription when the buffered bytes reach the cap, and resumes as they are taken', async () => {
    const one = eventBytes(event(1000));
    const buffer = new RelayBuffer(1000, one * 2);
    // Room: accepted at once, no promise to await (the subscription awaits every event).
    expect(buffer.put(event(1000))).toBeUndefined();
    let accepted = false;
    const full = buffer.put(event(1000));
    expect(full).toBeInstanceOf(Promise);
    const second = full!.then(() => (accepted = true));
    await Promise.resolve();
    expect(accepted).toBe(false);
    expect(buffer.sizeBytes).toBeGreaterThanOrEqual(one * 2);
    await buffer.take(1, 0);
    await second;
    expect(accepted).toBe(true);
  });
});

describe('RelayBuffer gathers while busy', () => {
  const idle = () => Promise.resolve('still gathering');

  it('takes an event after a quiet spell at once, then gathers until a whole batch is in', async () => {
    // An hour to gather: only a whole batch, or hurry, can end it in this test.
    const buffer = new RelayBuffer(100, Number.POSITIVE_INFINITY, 3_600_000);
    const first = event(10);
    buffer.put(first);
    expect(await buffer.take(3, undefined)).toEqual([first]);

    const next = [event(10), event(10)];
    for (const e of next) buffer.put(e);
    const taking = buffer.take(3, undefined);
    expect(await Promise.race([taking, idle()])).toBe('still gathering');
    const third = event(10);
    buffer.put(third);
    expect(await taking).toEqual([...next, third]);
  });

  it('takes what it has when someone waits for it (hurry), or when told not to gather', async () => {
    const buffer = new RelayBuffer(100, Number.POSITIVE_INFINITY, 3_600_000);
    buffer.put(event(10));
    await buffer.take(10, undefined);

    const waitedFor = event(10);
    buffer.put(waitedFor);
    const taking = buffer.take(10, undefined);
    expect(await Promise.race([taking, idle()])).toBe('still gathering');
    buffer.hurry();
    expect(await taking).toEqual([waitedFor]);

    const ungathered = event(10);
    buffer.put(ungathered);
    expect(await buffer.take(10, undefined, Number.POSITIVE_INFINITY, false)).toEqual([ungathered]);
  });

  it('ends a gathering take when closed', async () => {
    const buffer = new RelayBuffer(100, Number.POSITIVE_INFINITY, 3_600_000);
    buffer.put(event(10));
    await buffer.take(10, undefined);
    buffer.put(event(10));
    const taking = buffer.take(10, undefined);
    buffer.close();
    expect(await taking).toEqual([]);
  });
});
