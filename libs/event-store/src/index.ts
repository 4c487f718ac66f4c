export * from './port/event-store.port';
export * from './port/event-store.errors';
export { openSqliteEventStore, SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export type { AppendBatchReport } from './sqlite/sqlite-append-queue';
