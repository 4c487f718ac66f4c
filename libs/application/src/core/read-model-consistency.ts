import type { GlobalPosition } from '@keyward/event-store';

/**
 * Read-your-writes: a command returns once this process's read models have applied its events.
 * The server waits on its projection runner; the CLI has no read models and waits for nothing.
 */
export interface ReadModelConsistency {
  waitFor(position: GlobalPosition): Promise<void>;
}

export const NO_READ_MODELS: ReadModelConsistency = { waitFor: () => Promise.resolve() };
