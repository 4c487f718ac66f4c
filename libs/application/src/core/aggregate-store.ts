import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '@keyward/domain';
import { WrongExpectedRevision, type EventStore, type ExpectedRevision, type GlobalPosition } from '@keyward/event-store';
import type { CommandContext } from './command-context';
import { toEventToAppend } from './event-envelope';
import type { ReadModelConsistency } from './read-model-consistency';
import { CLOCK, EVENT_STORE, READ_MODEL_CONSISTENCY, type Clock } from './tokens';

type DomainEvent = { readonly type: string; readonly data: unknown };

export interface Loaded<S> {
  readonly state: S;
  readonly revision: ExpectedRevision;
}

/** load → decide → append with the expected revision → wait for read models. The one way commands change state. */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_CONSISTENCY) private readonly readModels: ReadModelConsistency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load<C, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>): Promise<Loaded<S>> {
    const events = await this.store.readStream(stream);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState);
    return { state, revision: events.length === 0 ? 'no_stream' : events[events.length - 1].revision };
  }

  /**
   * Runs one command. With `retries`, a concurrent writer's conflict reloads and decides again
   * (for commands that commute, like reserving two different slots); otherwise it surfaces as 409.
   * With `dryRun` it decides and answers what the events would make, appending nothing (the admin
   * API's ?dryRun=true: the same decision as the real call, so the same refusals).
   */
  async execute<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: C | ((state: S) => C),
    context: CommandContext,
    options: { retries?: number; dryRun?: boolean } = {},
  ): Promise<{ events: readonly E[]; state: S }> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(stream, decider);
      const events = decider.decide(typeof command === 'function' ? (command as (s: S) => C)(state) : command, state);
      if (events.length === 0) return { events, state };
      if (options.dryRun) return { events, state: events.reduce(decider.evolve, state) };
      try {
        await this.append(stream, events, context, revision);
        return { events, state: events.reduce(decider.evolve, state) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= (options.retries ?? 0)) throw error;
      }
    }
  }

  /** Appends events as they are (audit-only events, issuance) and waits for read models. */
  async append(stream: string, events: readonly DomainEvent[], context: CommandContext, expectedRevision: ExpectedRevision = 'any'): Promise<GlobalPosition> {
    const occurredAt = this.clock().toISOString();
    const result = await this.store.append(
      stream,
      events.map((event) => toEventToAppend(event, context, occurredAt)),
      { expectedRevision },
    );
    await this.readModels.waitFor(result.position);
    return result.position;
  }
}
