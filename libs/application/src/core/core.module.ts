import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { SecretDigester } from '@keyward/oauth';
import { AggregateStore } from './aggregate-store';
import { openConfiguredEventStore } from './event-store.factory';
import { StoreSubscriptionFailures } from './store-subscription-failures';
import { CLOCK, EVENT_STORE, KEYWARD_CONFIG, type Clock } from './tokens';

/** Config, the event store, the clock and the secret digester: what every entry point (server, CLI, relay) shares. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: KeywardConfig, options: { clock?: Clock; store?: EventStore } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: KEYWARD_CONFIG, useValue: config },
        { provide: StoreSubscriptionFailures, useValue: new StoreSubscriptionFailures() },
        {
          provide: EVENT_STORE,
          inject: [StoreSubscriptionFailures],
          useFactory: (failures: StoreSubscriptionFailures) => options.store ?? openConfiguredEventStore(config, failures),
        },
        { provide: CLOCK, useValue: options.clock ?? (() => new Date()) },
        { provide: SecretDigester, useFactory: () => new SecretDigester(config.secretPepper) },
        AggregateStore,
      ],
      exports: [KEYWARD_CONFIG, EVENT_STORE, CLOCK, SecretDigester, AggregateStore, StoreSubscriptionFailures],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
