import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

class CountingJob extends PeriodicJob {
  runs = 0;
  constructor(private readonly behave: (run: number) => Promise<void>) {
    super('Counting', 1000);
  }
  protected async runOnce(): Promise<void> {
    this.runs++;
    await this.behave(this.runs);
  }
}

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));

  it('runs on every tick, goes on after a failed run, and stops at shutdown', async () => {
    const job = new CountingJob(async (run) => {
      if (run === 1) throw new Error('store down');
    });
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3000);
    expect(job.runs).toBe(3);
    job.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(3000);
    expect(job.runs).toBe(3);
  });

  it('never starts a run while the previous one is still going', async () => {
    let finish: () => void = () => undefined;
    const job = new CountingJob(() => new Promise<void>((resolve) => (finish = resolve)));
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(5000);
    expect(job.runs).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(1000);
    expect(job.runs).toBe(2);
    job.onApplicationShutdown();
  });
});
