import { pause } from '../support/pause';

/** A one-way stop flag that sleeps and waits can race against. */
export class StopSignal {
  private readonly controller = new AbortController();
  private resolveStopping!: (value: 'stopped') => void;
  readonly stopping: Promise<'stopped'> = new Promise((resolve) => (this.resolveStopping = resolve));

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  stop(): void {
    this.controller.abort();
    this.resolveStopping('stopped');
  }

  /** Resolves after `ms`, or at once when stopped. */
  sleep(ms: number): Promise<void> {
    return pause(ms, this.controller.signal);
  }
}
