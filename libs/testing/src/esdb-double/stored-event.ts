/** One record of the double's in-memory transaction log. */
export interface StoredEvent {
  /** Lower-case canonical UUID, as EventStoreDB returns it whatever case was written. */
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** Log position. Commit and prepare positions are equal for non-transactional writes. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB puts in the `created` metadata. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export const isSystemStream = (streamName: string): boolean => streamName.startsWith('$');
