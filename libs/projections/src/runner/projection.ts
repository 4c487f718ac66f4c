import type { RecordedEvent } from '@keyward/event-store';

/** A read model fed by the $all subscription. apply() is synchronous so reads never see half an event. */
export interface Projection {
  readonly name: string;
  apply(event: RecordedEvent): void;
  /**
   * How the projection restarts without replaying $all (see ../snapshot):
   * - `snapshot`: state() returns everything it holds (Maps, arrays, plain objects; shared references
   *   are kept) and restore() takes it back, as of the snapshot's position;
   * - `{ stream }`: it keeps what must never be written into a snapshot (private keys), and is rebuilt
   *   from that one small stream, up to the snapshot's position.
   * Without it, every start replays $all from the beginning.
   */
  readonly restart?: SnapshotRestart | StreamRestart;
}

export interface SnapshotRestart {
  readonly kind: 'snapshot';
  state(): unknown;
  restore(state: unknown): void;
}

export interface StreamRestart {
  readonly kind: 'stream';
  readonly stream: string;
}

/** Reinterprets a recorded event as a member of a domain union; callers switch on `type`. */
export function asDomainEvent<E extends { type: string; data: unknown }>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}
