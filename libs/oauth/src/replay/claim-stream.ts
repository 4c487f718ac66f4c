/**
 * What this replica knows of one claims stream: its last revision (the expected revision of the next
 * claim), and a queue, so that claims of one stream are appended one after another.
 */
export class ClaimStream {
  /** undefined: not read yet (or an append's outcome is unknown), so read it before the next claim. */
  revision: number | 'no_stream' | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly name: string) {}

  serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
