import { pause } from './pause';

describe('pause (the one abortable sleep)', () => {
  it('ends when its signal aborts, long before its time, and does not reject', async () => {
    const controller = new AbortController();
    const paused = pause(3_600_000, controller.signal); // an hour: the test would time out if abort did not end it
    controller.abort();
    await expect(paused).resolves.toBeUndefined();
  });

  it('returns at once under an already aborted signal', async () => {
    await expect(pause(3_600_000, AbortSignal.abort())).resolves.toBeUndefined();
  });

  it('waits its time when nothing aborts', async () => {
    let done = false;
    const paused = pause(1, new AbortController().signal).then(() => (done = true));
    expect(done).toBe(false);
    await paused;
    expect(done).toBe(true);
  });
});
