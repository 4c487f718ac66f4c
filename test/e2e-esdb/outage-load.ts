/** Bounded load for the outage test: a few workers, each with a deadline and a request budget. */
export interface Sample {
  readonly kind: 'token' | 'admin';
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface LoadPlan {
  readonly workers: number;
  readonly budgetPerWorker: number;
  readonly pauseMs: number;
  readonly until: () => boolean;
  /** Counts each answer as `${kind}:${status}` as it comes. */
  readonly progress?: LoadProgress;
}

/**
 * Counts answers as they come and wakes whoever waits for a count: a test waits for "150 tokens
 * answered since the fault", never for an amount of time, so a busy machine only makes it slower.
 */
export class LoadProgress {
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  add(what: string): void {
    this.counts.set(what, this.of(what) + 1);
    for (const check of [...this.waiters]) check();
  }

  of(what: string): number {
    return this.counts.get(what) ?? 0;
  }

  /** Resolves at the count that makes `condition` true; fails after `timeoutMs` naming what it waited for. */
  reached(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        outcome();
      };
      const check = () => condition() && settle(resolve);
      const timer = setTimeout(() => settle(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      this.waiters.add(check);
    });
  }
}

/** Runs `request` from `workers` concurrent loops until `until()` or the budget; never more than workers in flight. */
export async function runLoad(
  kind: Sample['kind'],
  plan: LoadPlan,
  request: (n: number) => Promise<{ status: number; body: Record<string, unknown> }>,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  let n = 0;
  const worker = async () => {
    for (let sent = 0; sent < plan.budgetPerWorker && !plan.until(); sent++) {
      const startedAt = Date.now();
      const { status, body } = await request(n++);
      samples.push({ kind, startedAt, endedAt: Date.now(), status, body });
      plan.progress?.add(`${kind}:${status}`);
      // Pacing, not synchronization: admin commands at a steady trickle beside the token flood.
      if (plan.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: plan.workers }, worker));
  return samples;
}

/** The jti of a JWT, read without verifying: the test only matches it with the store. */
export function jtiOf(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as { jti: string };
  return payload.jti;
}
