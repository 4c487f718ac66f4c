/**
 * The last position the store's writer thread committed, in memory both threads share: the writer sets it
 * after each commit, the change feed reads it when `PRAGMA data_version` says the file changed. That
 * counter changes on every commit of any other connection, the writer thread's own included, so without
 * this the feed could not tell its own commits (offered to subscribers from the batch's outcome) from
 * another process's, and every poll made every subscription read back a batch it was about to be offered.
 */
export class CommittedPositionCell {
  private readonly position: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT)) {
    this.position = new BigInt64Array(buffer);
  }

  /** Called by the writer thread once a transaction that wrote up to `position` has committed. */
  committed(position: bigint): void {
    Atomics.store(this.position, 0, position);
  }

  /** 0n until the writer has committed an event. */
  get lastCommitted(): bigint {
    return Atomics.load(this.position, 0);
  }
}
