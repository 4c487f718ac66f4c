import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  it('hands out the keys whose time is up, earliest first, each once', () => {
    const queue = new DueQueue();
    for (const [key, at] of [
      ['c', 30],
      ['a', 10],
      ['d', 40],
      ['b', 20],
    ] as const)
      queue.schedule(key, at);
    expect(queue.peek()).toBe(10);
    expect(queue.takeDue(25)).toEqual(['a', 'b']);
    expect(queue.takeDue(25)).toEqual([]);
    expect(queue.peek()).toBe(30);
    expect([queue.has('a'), queue.has('c')]).toEqual([false, true]);
  });

  it('skips a cancelled or rescheduled key at its old time', () => {
    const queue = new DueQueue();
    queue.schedule('a', 10);
    queue.schedule('b', 20);
    queue.cancel('a');
    queue.schedule('b', 50);
    expect(queue.peek()).toBe(50);
    expect(queue.takeDue(100)).toEqual(['b']);
    expect(queue.peek()).toBeUndefined();
  });

  it('orders many keys by time whatever order they came in', () => {
    const queue = new DueQueue();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    times.forEach((at, i) => queue.schedule(`k${i}`, at));
    const taken = queue.takeDue(1000).map((key) => times[Number(key.slice(1))]!);
    expect(taken).toEqual([...times].sort((a, b) => a - b));
  });
});
