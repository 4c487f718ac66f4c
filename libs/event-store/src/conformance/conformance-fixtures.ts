/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevision } from '../port/event-store.errors';
import type { EventStore, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent, Subscription } from '../port/event-store.port';

// The suite also runs against a shared, long-lived server: every stream name must be new.
export function uniqueStream(category = 'conformance_test'): string {
  return `${category}-${randomUUID()}`;
}

export function anEvent(type = 'ThingHappened', data: unknown = { n: Math.random() }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { correlationId: randomUUID(), schemaVersion: 1 } };
}

export function events(count: number, type = 'ThingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

export async function expectWrongRevision(
  append: Promise<unknown>,
  expected: { stream: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  const { stream, expected: expectedRevision, actual } = error as WrongExpectedRevision;
  expect({ stream, expected: expectedRevision, actual }).toEqual(expected);
}

/** Events of `streams` only: on a shared store, $all also carries everybody else's events. */
export function own(all: readonly RecordedEvent[], ...streams: string[]): RecordedEvent[] {
  return all.filter((event) => streams.includes(event.streamName));
}

export function isStrictlyIncreasing(positions: readonly GlobalPosition[]): boolean {
  return positions.every((position, index) => index === 0 || position > positions[index - 1]!);
}

export interface Recording {
  readonly subscription: Subscription;
  /** Events of the watched streams, in delivery order. */
  readonly delivered: RecordedEvent[];
  /** Snapshot of `delivered` at each onCaughtUp call. */
  readonly caughtUp: RecordedEvent[][];
  readonly errors: Error[];
}

export function record(
  store: EventStore,
  after: GlobalPosition | undefined,
  streams: readonly string[],
  onOwnEvent: (event: RecordedEvent) => void | Promise<void> = () => undefined,
): Recording {
  const delivered: RecordedEvent[] = [];
  const caughtUp: RecordedEvent[][] = [];
  const errors: Error[] = [];
  const subscription = store.subscribeToAll(after === undefined ? {} : { after }, {
    onEvent: async (event) => {
      if (!streams.includes(event.streamName)) return;
      delivered.push(event);
      await onOwnEvent(event);
    },
    onCaughtUp: () => caughtUp.push([...delivered]),
    onError: (error) => errors.push(error),
  });
  return { subscription, delivered, caughtUp, errors };
}

export const ids = (recorded: readonly { readonly id: string }[]): string[] => recorded.map((event) => event.id);
