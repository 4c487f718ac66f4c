import type { RecordedEvent } from '@keyward/event-store';

/**
 * Events handed over by the subscription, waiting to be published. Bounded: when full, `put`
 * waits, and since the subscription awaits its handler, reading from the store pauses too.
 */
export class RelayBuffer {
  private events: RecordedEvent[] = [];
  private onWork: (() => void) | undefined;
  private onSpace: (() => void)[] = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.events.length;
  }

  async put(event: RecordedEvent): Promise<void> {
    if (this.closed) return;
    this.events.push(event);
    this.wakeTaker();
    while (this.events.length >= this.capacity && !this.closed) {
      await new Promise<void>((resume) => this.onSpace.push(resume));
    }
  }

  /** Up to `max` events in order; waits while empty, at most `waitMs` when given. Resolves [] once closed or timed out. */
  async take(max: number, waitMs?: number): Promise<RecordedEvent[]> {
    if (this.events.length === 0 && !this.closed) {
      await new Promise<void>((resume) => {
        const timer = waitMs === undefined ? undefined : setTimeout(resume, waitMs);
        this.onWork = () => {
          clearTimeout(timer);
          resume();
        };
      });
    }
    const batch = this.events.splice(0, max);
    this.wakePutters();
    return batch;
  }

  /** Drops what is buffered (it is re-read from the checkpoint next time) and releases every waiter. */
  close(): void {
    this.closed = true;
    this.events = [];
    this.wakeTaker();
    this.wakePutters();
  }

  private wakeTaker(): void {
    const wake = this.onWork;
    this.onWork = undefined;
    wake?.();
  }

  private wakePutters(): void {
    const waiting = this.onSpace;
    this.onSpace = [];
    for (const resume of waiting) resume();
  }
}
