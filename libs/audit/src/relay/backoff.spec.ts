import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles up to its ceiling, with jitter below it', () => {
    const top = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    expect(Array.from({ length: 6 }, () => top.nextDelayMs())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 0);
    expect(low.nextDelayMs()).toBe(50);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    expect([backoff.failures, backoff.nextDelayMs()]).toEqual([0, 100]);
  });
});
