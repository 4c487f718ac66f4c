export * from './port/event-store.port';
export * from './port/event-store.errors';
export { openSqliteEventStore, SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export type { AppendBatchReport } from './sqlite/sqlite-append-queue';
export { EsdbEventStore, openEsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export type { ResubscribePolicy } from './esdb/esdb-subscription';
export { SCHEMA_VERSION, type Upcaster } from './upcasting/upcaster';
export { UpcasterChain } from './upcasting/upcaster-chain';
export { UpcastingEventStore, withUpcasting } from './upcasting/upcasting-event-store';
