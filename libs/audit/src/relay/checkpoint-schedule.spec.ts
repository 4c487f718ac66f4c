import { CheckpointSchedule } from './checkpoint-schedule';

describe('CheckpointSchedule', () => {
  let now = 0;
  const schedule = () => new CheckpointSchedule(1000, () => now);
  beforeEach(() => (now = 10_000));

  it('has nothing to store until the sink acknowledged something', () => {
    const s = schedule();
    s.skipped(5n);
    expect([s.pending, s.waitMs(), s.isDue(true)]).toEqual([undefined, undefined, false]);
  });

  it('stores the first acknowledgment at once, then at most once per interval', () => {
    const s = schedule();
    s.acknowledged(3n);
    expect(s.isDue(false)).toBe(true);
    s.saved(3n);
    s.acknowledged(7n);
    now += 400;
    expect([s.isDue(false), s.waitMs()]).toEqual([false, 600]);
    now += 600;
    expect(s.isDue(false)).toBe(true);
  });

  it('stores at once when the relay goes idle', () => {
    const s = schedule();
    s.acknowledged(3n);
    s.saved(3n);
    s.acknowledged(4n);
    expect(s.isDue(true)).toBe(true);
  });

  it('lets a pending checkpoint cover skipped events, and keeps a newer acknowledgment pending', () => {
    const s = schedule();
    s.acknowledged(3n);
    s.skipped(4n);
    expect(s.pending).toBe(4n);
    s.acknowledged(9n);
    s.saved(4n);
    expect(s.pending).toBe(9n);
  });
});
