import type { AuditRecord } from '../record/audit-record';
import type { AuditSink } from '../sink/audit-sink.port';

/** Keeps what it is given; `failNext(n)` makes the next n opens or publishes throw, like an unreachable broker. */
export class MemoryAuditSink implements AuditSink {
  readonly description = 'memory';
  readonly records: AuditRecord[] = [];
  publishes = 0;
  private failures = 0;

  failNext(count: number): void {
    this.failures = count;
  }

  async open(): Promise<void> {
    this.maybeFail();
  }

  async publish(records: readonly AuditRecord[]): Promise<void> {
    this.maybeFail();
    this.publishes++;
    this.records.push(...records);
  }

  async close(): Promise<void> {}

  private maybeFail(): void {
    if (this.failures === 0) return;
    this.failures--;
    throw new Error('sink unavailable (injected)');
  }
}
