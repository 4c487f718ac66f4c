import type { EventStore, RecordedEvent } from '../port/event-store.port';

export interface StreamHeadTruncation {
  /** Events of the stream that were hidden (and, once the store reclaims them, gone). */
  readonly truncated: number;
  /** The first revision kept, or undefined when the stream is empty. */
  readonly keptFrom: number | undefined;
}

/**
 * Truncates the head of an append-only stream up to the first event `keep` accepts, for streams whose
 * events only age out (token history). `keep` must hold from some revision on (time and publication
 * both only move forward): the boundary is found by binary search, one single-event read per step,
 * so a stream of a billion events costs ~30 reads. The last event always stays: it carries the
 * stream's revision. Truncation goes in steps of `step` revisions, so no single delete (SQLite) holds
 * the writer for long.
 */
export async function truncateStreamHead(
  store: EventStore,
  stream: string,
  keep: (event: RecordedEvent) => boolean,
  step = 10_000,
): Promise<StreamHeadTruncation> {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  if (!first || !last) return { truncated: 0, keptFrom: undefined };
  // The answer lies in [lo, hi]; the last event is never truncated.
  let lo = first.revision;
  let hi = last.revision;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const [probe] = await store.readStream(stream, { fromRevision: mid, maxCount: 1 });
    // Truncating before mid or before the next existing revision hides the same events.
    if (!probe || keep(probe)) hi = mid;
    else lo = probe.revision + 1;
  }
  const keptFrom = lo;
  for (let before = first.revision; before < keptFrom;) {
    before = Math.min(before + step, keptFrom);
    await store.truncateStreamBefore(stream, before);
  }
  return { truncated: keptFrom - first.revision, keptFrom };
}
