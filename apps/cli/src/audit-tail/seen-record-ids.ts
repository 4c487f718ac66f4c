/**
 * Ids already printed in this session. The relay delivers at least once: after a crash it republishes
 * what followed its last checkpoint, so a duplicate arrives close behind the original. Remembering the
 * most recent ids (oldest forgotten first) keeps a tail that runs for weeks in bounded memory.
 */
export class SeenRecordIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 200_000) {}

  /** True the first time an id is offered, false for a duplicate. */
  firstSighting(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // A Set iterates in insertion order: its first element is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}
