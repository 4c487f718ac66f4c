import { decideWrite, type ExpectedVersion } from './expected-version';
import type { ProposedEvent, StoredEvent } from './stored-event';
import { metastreamOf, truncatedBefore } from './stream-metadata';
import { systemEventsAtStartup } from './system-events';

export type AppendOutcome =
  | { readonly kind: 'success'; readonly written: readonly StoredEvent[]; readonly currentRevision: bigint | undefined }
  | { readonly kind: 'idempotent'; readonly currentRevision: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | undefined };

// Real log positions are byte offsets: sparse, strictly increasing, and the first user event is far
// from 0 because the server writes its own records first. A client that assumes dense positions fails here.
const FIRST_POSITION = 4096n;
const RECORD_OVERHEAD = 120n;

/** The double's storage: one in-memory transaction log that outlives server restarts. */
export class EventLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor(now: () => Date = () => new Date()) {
    for (const { streamName, event } of systemEventsAtStartup()) {
      this.append(streamName, { kind: 'any' }, [event], now());
    }
  }

  events(): readonly StoredEvent[] {
    return this.all;
  }

  stream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Revisions of `streamName` below this are truncated ($tb of its metastream): stream reads skip them. */
  truncatedBefore(streamName: string): bigint {
    return truncatedBefore(this.streams.get(metastreamOf(streamName)));
  }

  append(streamName: string, expected: ExpectedVersion, proposed: readonly ProposedEvent[], at: Date): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const decision = decideWrite(stream, expected, proposed);
    const last = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    if (decision.kind === 'wrong_expected_version') return { kind: 'wrong_expected_version', currentRevision: last };
    if (decision.kind === 'idempotent') {
      return { kind: 'idempotent', currentRevision: BigInt(decision.fromIndex + proposed.length - 1) };
    }
    const created = BigInt(at.getTime()) * 10_000n;
    const written = proposed.map((event, i): StoredEvent => {
      const position = this.nextPosition;
      this.nextPosition += RECORD_OVERHEAD + BigInt(streamName.length + event.data.length + event.customMetadata.length);
      return { ...event, streamName, revision: BigInt(stream.length + i), position, created };
    });
    if (written.length === 0) return { kind: 'success', written, currentRevision: last };
    stream.push(...written);
    this.streams.set(streamName, stream);
    this.all.push(...written);
    for (const listener of this.listeners) listener();
    return { kind: 'success', written, currentRevision: BigInt(stream.length - 1) };
  }

  /** Called after every non-empty append; returns the unsubscribe function. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
