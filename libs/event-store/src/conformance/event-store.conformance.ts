/// <reference types="jest" />
import type { EventStore } from '../port/event-store.port';
import { describeAppendCases } from './append.conformance';
import { describeCloseCases } from './close.conformance';
import { describeConcurrencyCases } from './concurrency.conformance';
import { describeReadCases } from './read.conformance';
import { describeSubscriptionCases } from './subscription.conformance';
import { describeTruncationCases } from './truncation.conformance';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Another handle on the same storage, as another process would open it (for cross-handle delivery tests). */
  openAnother(): Promise<EventStore>;
  dispose(): Promise<void>;
}

/**
 * The contract every EventStore adapter must pass (STYLE.md §5). It must also pass against a shared,
 * long-lived server: tests use fresh stream names, and $all assertions are relative to the head at
 * test start and filtered to the test's own streams.
 */
export function describeEventStoreConformance(adapterName: string, open: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore conformance: ${adapterName}`, () => {
    let underTest: EventStoreUnderTest | undefined;
    const harness = (): EventStoreUnderTest => {
      if (underTest === undefined) throw new Error('the store under test failed to open');
      return underTest;
    };

    beforeAll(async () => {
      underTest = await open();
    });
    afterAll(async () => {
      await underTest?.dispose();
    });

    describeAppendCases(() => harness().store);
    describeReadCases(() => harness().store);
    describeSubscriptionCases(harness);
    describeConcurrencyCases(() => harness().store);
    describeTruncationCases(harness);
    describeCloseCases(harness);
  });
}
