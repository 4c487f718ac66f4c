/**
 * Keys by due time, earliest first (a binary min-heap): the relay finds the chains whose time is up in
 * O(log n) each instead of scanning every chain per batch. A key has at most one live time; `schedule`
 * and `cancel` leave the old entry in the heap, skipped when it surfaces (lazy deletion), so the heap
 * holds at most one stale entry per cancelled time.
 */
export class DueQueue {
  private readonly heap: { readonly at: number; readonly key: string }[] = [];
  private readonly live = new Map<string, number>();

  has(key: string): boolean {
    return this.live.has(key);
  }

  schedule(key: string, at: number): void {
    this.live.set(key, at);
    this.heap.push({ at, key });
    this.siftUp(this.heap.length - 1);
  }

  cancel(key: string): void {
    this.live.delete(key);
  }

  /** The earliest live due time; undefined when none is scheduled. */
  peek(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Removes and returns the keys due at or before `now`, earliest first. */
  takeDue(now: number): string[] {
    const due: string[] = [];
    while (this.peek() !== undefined && this.heap[0]!.at <= now) {
      const { key } = this.pop();
      this.live.delete(key);
      due.push(key);
    }
    return due;
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.key) !== this.heap[0]!.at) this.pop();
  }

  private pop(): { readonly at: number; readonly key: string } {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.at <= heap[index]!.at) return;
      [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let least = index;
      if (left < heap.length && heap[left]!.at < heap[least]!.at) least = left;
      if (right < heap.length && heap[right]!.at < heap[least]!.at) least = right;
      if (least === index) return;
      [heap[least], heap[index]] = [heap[index]!, heap[least]!];
      index = least;
    }
  }
}
