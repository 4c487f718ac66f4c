import type { GlobalPosition } from '@keyward/event-store';

/** Promises that resolve once the relay's processed position reaches theirs; bounded by a timeout. */
export class ProgressWaiters {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly processed: () => GlobalPosition | undefined) {}

  waitFor(target: GlobalPosition, timeoutMs: number): Promise<void> {
    const reached = () => (this.processed() ?? -1n) >= target;
    if (reached()) return Promise.resolve();
    return new Promise<void>((done, fail) => {
      const check = () => {
        if (!reached()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        done();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        fail(new Error(`audit relay: position ${target} not processed within ${timeoutMs} ms (at ${this.processed()})`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  get waiting(): boolean {
    return this.waiters.size > 0;
  }

  /** Call after the processed position moved. */
  notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
