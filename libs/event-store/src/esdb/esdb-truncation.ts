import {
  BACKWARDS,
  END,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  metastreamOf,
  type JSONRecordedEvent,
  type RecordedEvent,
  type StreamMetadata,
} from '@eventstore/db-client';
import { EventStoreUnavailable } from '../port/event-store.errors';
import type { EsdbConnection } from './esdb-connection';

// Another writer of the same metadata between our read and our write; rare, so a few tries do.
const ATTEMPTS = 3;

interface CurrentMetadata {
  /** As stored: `$`-keys (`$tb`, `$acl`, …) and custom keys. */
  readonly raw: Record<string, unknown>;
  readonly revision: bigint | undefined;
}

/**
 * Sets the stream's `$tb`. Stream metadata is one JSON document rewritten whole, so the other keys
 * (an ACL, a max age set by an operator) are carried over, and the write expects the metastream's
 * revision read with them so that a concurrent change is not lost.
 */
export async function truncateBefore(connection: EsdbConnection, stream: string, revision: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await currentMetadata(connection, stream);
    const { $tb: truncatedBefore, ...rest } = current.raw;
    // Lowering $tb would bring back events a scavenge has not removed yet: truncation is never undone.
    if (typeof truncatedBefore === 'number' && truncatedBefore >= revision) return;
    try {
      // `rest` keeps its stored `$`-keys: the client passes keys it does not rename through as they are.
      const metadata: StreamMetadata = { ...rest, truncateBefore: revision };
      // Credentials select the unary append path (see esdb-connection-string.ts); the leader decides.
      await connection.call((client) =>
        client.setStreamMetadata(stream, metadata, {
          expectedRevision: current.revision ?? NO_STREAM,
          requiresLeader: true,
          deadline: connection.callTimeoutMs,
          ...(connection.appendCredentials ? { credentials: connection.appendCredentials } : {}),
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= ATTEMPTS) throw new EventStoreUnavailable(`metadata of ${stream} keeps changing; not truncated`, { cause: error });
    }
  }
}

async function currentMetadata(connection: EsdbConnection, stream: string): Promise<CurrentMetadata> {
  let newest: JSONRecordedEvent | RecordedEvent | undefined;
  try {
    newest = await connection.read(async (client, scope) => {
      const read = client.readStream(metastreamOf(stream), { fromRevision: END, direction: BACKWARDS, maxCount: 1, requiresLeader: true });
      scope.onCancel(() => void read.cancel().catch(() => undefined));
      let last: JSONRecordedEvent | RecordedEvent | undefined;
      // Read to the end rather than leave the loop early: an abandoned read keeps its gRPC call open.
      for await (const { event } of read) last = event ?? last;
      return last;
    });
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  if (newest === undefined) return { raw: {}, revision: undefined };
  const data = newest.isJson ? (newest.data as unknown) : undefined;
  const raw = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { raw, revision: newest.revision };
}
