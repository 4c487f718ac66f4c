import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '@keyward/domain';
import { WrongExpectedRevision, type EventStore, type ExpectedRevision, type GlobalPosition } from '@keyward/event-store';
import type { CommandContext } from './command-context';
import { toEventToAppend } from './event-envelope';
import type { ReadModelConsistency } from './read-model-consistency';
import { CLOCK, EVENT_STORE, READ_MODEL_CONSISTENCY, type Clock } from './tokens';

/**
 * One page of a long stream reads, inflates and folds in about 2 ms on the embedded store (some 30 µs an
 * event, mostly inflating its row): pages of 256 held the loop for 8 ms on a quiet machine and over 20 ms
 * on a busy one. On EventStoreDB a page is a call; streams this long are rare (bench:org-load).
 */
const READ_PAGE_EVENTS = 64;

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

  /**
   * Reads a stream a page at a time and folds each page as it comes, letting the event loop run between
   * pages: the embedded store reads synchronously, and reading or folding a long stream at once would
   * hold every other request (tokens included) for it. No page outlives its fold, so a long stream
   * leaves little for the garbage collector to promote and then mark.
   */
  async load<C, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>): Promise<Loaded<S>> {
    const evolve = decider.startFold?.() ?? decider.evolve;
    let state = decider.initialState;
    let revision: ExpectedRevision = 'no_stream';
    for (let fromRevision = 0; ;) {
      const page = await this.store.readStream(stream, { fromRevision, maxCount: READ_PAGE_EVENTS });
      for (const event of page) state = evolve(state, { type: event.type, data: event.data } as E);
      if (page.length > 0) revision = page[page.length - 1].revision;
      if (page.length < READ_PAGE_EVENTS) return { state, revision };
      // Stream revisions are dense and ours to count on (unlike global positions).
      fromRevision = page[page.length - 1].revision + 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
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
  async append(
    stream: string,
    events: readonly DomainEvent[],
    context: CommandContext,
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<GlobalPosition> {
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
