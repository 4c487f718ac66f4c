/**
 * IndexWriter._committedEvents (KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs): a
 * bounded in-memory map of recently committed event ids to their stream and event number. Only the
 * weak checks (expected `any` / `stream_exists`) consult it, so a retry is recognised only while its
 * ids are still here; a restart starts it empty.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, { readonly streamName: string; readonly revision: bigint }>();

  constructor(private readonly capacity: number) {}

  get(eventId: string): { readonly streamName: string; readonly revision: bigint } | undefined {
    return this.entries.get(eventId);
  }

  put(eventId: string, streamName: string, revision: bigint): void {
    this.entries.delete(eventId);
    this.entries.set(eventId, { streamName, revision });
    // Map iteration is insertion order: the first key is the oldest.
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
