/** A one-way stop flag that sleeps and waits can race against. */
export class StopSignal {
  private resolveStopping!: (value: 'stopped') => void;
  readonly stopping: Promise<'stopped'> = new Promise((resolve) => (this.resolveStopping = resolve));
  private isStopped = false;

  get stopped(): boolean {
    return this.isStopped;
  }

  stop(): void {
    this.isStopped = true;
    this.resolveStopping('stopped');
  }

  /** Resolves after `ms`, or at once when stopped. */
  async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), this.stopping]);
    clearTimeout(timer);
  }
}
