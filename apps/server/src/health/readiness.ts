import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@keyward/event-store';
import { SigningKeyRing } from '@keyward/oauth';
import { ProjectionRunner } from '@keyward/projections';
import { EVENT_STORE } from '@keyward/application';

export type ReadinessCheck = { readonly status: 'ok' } | { readonly status: 'failing'; readonly reason: string };

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: { readonly store: ReadinessCheck; readonly readModels: ReadinessCheck; readonly signingKey: ReadinessCheck };
}

const OK: ReadinessCheck = { status: 'ok' };
/** A probe answers within its own timeout: a store that hangs is a store that is not there. */
const STORE_TIMEOUT_MS = 2000;
/** Under load the head moves on; caught up means "reached the head seen when asked", within this long. */
const CATCH_UP_TIMEOUT_MS = 1000;

/** Ready to serve traffic: the store answers, the read models have reached its head, a key can sign. */
@Injectable()
export class Readiness {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly ring: SigningKeyRing,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [store, readModels] = await this.storeAndReadModels();
    const signingKey: ReadinessCheck = this.ring.activeKey() ? OK : { status: 'failing', reason: 'no active signing key' };
    const ready = [store, readModels, signingKey].every((check) => check.status === 'ok');
    return { status: ready ? 'ready' : 'not_ready', checks: { store, readModels, signingKey } };
  }

  private async storeAndReadModels(): Promise<[ReadinessCheck, ReadinessCheck]> {
    let head: bigint | undefined;
    try {
      head = await within(this.store.headPosition(), STORE_TIMEOUT_MS, 'the event store did not answer within 2 s');
    } catch (error) {
      return [
        { status: 'failing', reason: (error as Error).message },
        { status: 'failing', reason: 'the store head is unknown' },
      ];
    }
    if (head === undefined) return [OK, OK];
    try {
      await this.projections.waitFor(head, CATCH_UP_TIMEOUT_MS);
      return [OK, OK];
    } catch {
      const applied = this.projections.appliedPosition;
      return [OK, { status: 'failing', reason: `read models at position ${applied ?? 'none'}, store head ${head}` }];
    }
  }
}

function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
