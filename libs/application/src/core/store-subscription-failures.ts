import { Logger } from '@nestjs/common';
import type { SubscriptionFailure } from '@keyward/event-store';

/**
 * Every dropped store subscription, logged and counted (the metric keyward_event_store_subscription_failures_total):
 * a transient one (outage, failover) is retried by the adapter, a fatal one (access denied, an invalid
 * position) ends the subscription and surfaces to its owner.
 */
export class StoreSubscriptionFailures {
  transient = 0;
  fatal = 0;
  private readonly logger = new Logger('EventStore');

  readonly record = (failure: SubscriptionFailure): void => {
    if (failure.fatal) {
      this.fatal += 1;
      this.logger.error({ msg: 'store subscription refused; not retrying', error: failure.error.message });
      return;
    }
    this.transient += 1;
    this.logger.warn({ msg: 'store subscription dropped; resubscribing', attempt: failure.attempt, error: failure.error.message });
  };
}
