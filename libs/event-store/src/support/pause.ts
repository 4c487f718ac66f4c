import { setTimeout as wait } from 'node:timers/promises';

/**
 * The one abortable sleep of keyward (retry back-offs, resubscribing, polling a file): waits `ms`, or
 * less when `signal` aborts first, and never rejects. Node's own abortable timer does the work.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
