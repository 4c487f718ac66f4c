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
