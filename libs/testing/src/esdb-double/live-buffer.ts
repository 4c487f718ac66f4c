import type { LogRecord } from './event-log';

/**
 * The live events channel of a catch-up subscription (KurrentDB src/KurrentDB.Core/Services/Transport/Enumerators/Enumerator.cs,
 * CreateLiveChannel: bounded, BoundedChannelFullMode.DropOldest, 32 by default). Every event appended
 * after the subscription started goes in with the next sequence number; a reader too slow to keep up
 * loses the oldest ones and sees a gap in the sequence.
 */
export class LiveBuffer {
  private readonly entries: { readonly sequence: number; readonly record: LogRecord }[] = [];
  private nextSequence = 1;
  private waiter: (() => void) | undefined;

  constructor(private readonly capacity: number) {}

  push(record: LogRecord): void {
    this.entries.push({ sequence: this.nextSequence++, record });
    if (this.entries.length > this.capacity) this.entries.shift();
    this.wake();
  }

  /** The oldest entry still buffered, or undefined once `closed` resolves first. */
  async take(closed: Promise<void>): Promise<{ readonly sequence: number; readonly record: LogRecord } | undefined> {
    while (this.entries.length === 0) {
      let stop = false;
      await Promise.race([new Promise<void>((resolve) => (this.waiter = resolve)), closed.then(() => (stop = true))]);
      this.waiter = undefined;
      if (stop) return undefined;
    }
    return this.entries.shift();
  }

  private wake(): void {
    this.waiter?.();
  }
}
