import type { RecordedEvent } from '@keyward/event-store';

/**
 * An event's size as the relay will carry it: its data and metadata as JSON (UTF-16 length: close enough,
 * cheap). The store's own figure when it has one, so the hot path does not serialize every event twice.
 */
export const eventBytes = (event: RecordedEvent): number =>
  (event.jsonLength ?? (JSON.stringify(event.data) ?? '').length + (JSON.stringify(event.metadata) ?? '').length) +
  event.type.length +
  event.streamName.length;

/**
 * Events handed over by the subscription, waiting to be published. Bounded in count and in bytes: when
 * full, `put` waits, and since the subscription awaits its handler, reading from the store pauses too.
 * A few huge events cannot hold a thousand batches' worth of memory, nor make one oversized publish.
 */
export class RelayBuffer {
  private events: { readonly event: RecordedEvent; readonly bytes: number }[] = [];
  private bytes = 0;
  private onWork: (() => void) | undefined;
  private onSpace: (() => void)[] = [];
  private stopGathering: (() => void) | undefined;
  private closed = false;

  /** performance.now() of the last take that returned events. */
  private lastTakenAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly capacity: number,
    private readonly capacityBytes = Number.POSITIVE_INFINITY,
    /** While events keep coming: a take waits up to this long after the last one for more (see `take`). */
    private readonly gatherMs = 0,
  ) {}

  get size(): number {
    return this.events.length;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** A promise only when full: the subscription awaits every event, and most find room at once. */
  put(event: RecordedEvent): Promise<void> | undefined {
    if (this.closed) return undefined;
    const bytes = eventBytes(event);
    this.events.push({ event, bytes });
    this.bytes += bytes;
    this.wakeTaker();
    return this.isFull() ? this.untilSpace() : undefined;
  }

  /**
   * Up to `max` events and `maxBytes` bytes in order (always at least one event, however big); waits
   * while empty, at most `waitMs` when given. Resolves [] once closed or timed out.
   *
   * With `gather`, while busy (the last batch was taken less than gatherMs ago) it also waits until
   * gatherMs after that one, or until a whole batch is in, or until `hurry`: a publish (a write and a
   * sync, or a Kafka produce) costs about as much as the records of a small batch, and this makes it one
   * a gatherMs while events keep coming. An event after a quiet spell is taken at once.
   */
  async take(max: number, waitMs?: number, maxBytes = Number.POSITIVE_INFINITY, gather = true): Promise<RecordedEvent[]> {
    if (this.events.length === 0 && !this.closed) {
      await this.until(() => true, waitMs);
      // Woken by the first event of a commit: let the subscription hand over the rest of it (all in this
      // turn's microtasks), so that one commit is one publish (one write and fsync), not several.
      if (this.events.length > 0 && this.events.length < max) await new Promise((resume) => setImmediate(resume));
    }
    const gatherFor = this.lastTakenAt + this.gatherMs - performance.now();
    if (gather && gatherFor > 0 && this.events.length > 0) await this.gatherFor(gatherFor, max, maxBytes);
    if (this.events.length > 0) this.lastTakenAt = performance.now();
    let count = 0;
    let bytes = 0;
    while (count < Math.min(max, this.events.length) && (count === 0 || bytes + this.events[count].bytes <= maxBytes))
      bytes += this.events[count++].bytes;
    const batch = this.events.splice(0, count).map((entry) => entry.event);
    this.bytes -= bytes;
    this.wakePutters();
    return batch;
  }

  /** Drops what is buffered (it is re-read from the checkpoint next time) and releases every waiter. */
  close(): void {
    this.closed = true;
    this.events = [];
    this.bytes = 0;
    this.wakeTaker();
    this.wakePutters();
  }

  /** Someone waits for what is buffered: a take that is gathering takes it now. */
  hurry(): void {
    const stop = this.stopGathering;
    this.stopGathering = undefined;
    stop?.();
  }

  private async gatherFor(ms: number, max: number, maxBytes: number): Promise<void> {
    let hurried = false;
    const whole = () => hurried || this.events.length >= max || this.bytes >= maxBytes || this.isFull();
    if (whole()) return;
    this.stopGathering = () => {
      hurried = true;
      this.wakeTaker();
    };
    await this.until(whole, ms);
    this.stopGathering = undefined;
  }

  /** Resolves once a put leaves `ready()` true, on close, or after `ms` when given. */
  private until(ready: () => boolean, ms: number | undefined): Promise<void> {
    return new Promise<void>((resume) => {
      const onWork = (): void => {
        if (this.closed || ready()) {
          clearTimeout(timer);
          resume();
        } else this.onWork = onWork;
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              if (this.onWork === onWork) this.onWork = undefined;
              resume();
            }, ms);
      this.onWork = onWork;
    });
  }

  private isFull(): boolean {
    return (this.events.length >= this.capacity || this.bytes >= this.capacityBytes) && !this.closed;
  }

  private async untilSpace(): Promise<void> {
    while (this.isFull()) await new Promise<void>((resume) => this.onSpace.push(resume));
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
