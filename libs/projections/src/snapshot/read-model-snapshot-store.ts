import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EventStore, GlobalPosition } from '@keyward/event-store';

/**
 * The read models' snapshot, kept in the event store itself (stream `checkpoint_read-models`), so it
 * works the same on SQLite and EventStoreDB, is as durable as the events it summarizes, and is shared by
 * replicas. `checkpoint_` streams are never relayed to the audit topic. The state is V8-serialized (Maps
 * and shared references survive), deflated, and cut into chunks well under EventStoreDB's 1 MB append
 * limit; a final marker names the position the state covers and the chunks' revisions. Each new
 * snapshot truncates the stream before its first chunk. A snapshot is a cache: one that cannot be read
 * (another format, a missing chunk) is ignored and the read models replay $all instead.
 */
export const SNAPSHOT_STREAM = 'checkpoint_read-models';
/** Bump when a projection's state changes shape: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 2; // 2: credential views are a union by type and tokenEndpointAuthMethod
const CHUNK_BYTES = 384 * 1024;

export interface ReadModelSnapshot {
  readonly position: GlobalPosition;
  /** By projection name. */
  readonly states: Readonly<Record<string, unknown>>;
}

interface ChunkData {
  readonly snapshotId: string;
  readonly bytes: string;
}

interface MarkerData {
  readonly snapshotId: string;
  readonly format: number;
  readonly position: string;
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly chunks: number;
}

export class ReadModelSnapshotStore {
  constructor(
    private readonly store: EventStore,
    private readonly stream = SNAPSHOT_STREAM,
  ) {}

  async save(snapshot: ReadModelSnapshot): Promise<void> {
    const packed = deflateRawSync(serialize(snapshot.states));
    const snapshotId = randomUUID();
    let fromRevision: number | undefined;
    let toRevision = 0;
    let chunks = 0;
    for (let offset = 0; offset < packed.length || fromRevision === undefined; offset += CHUNK_BYTES) {
      const data: ChunkData = { snapshotId, bytes: packed.subarray(offset, offset + CHUNK_BYTES).toString('base64') };
      const { nextExpectedRevision } = await this.store.append(this.stream, [
        { id: randomUUID(), type: 'ReadModelSnapshotChunk', data, metadata: { actor: 'system', schemaVersion: 1 } },
      ]);
      fromRevision ??= nextExpectedRevision;
      toRevision = nextExpectedRevision;
      chunks++;
    }
    const marker: MarkerData = {
      snapshotId,
      format: SNAPSHOT_FORMAT,
      position: snapshot.position.toString(),
      fromRevision,
      toRevision,
      chunks,
    };
    await this.store.append(this.stream, [
      { id: randomUUID(), type: 'ReadModelSnapshotTaken', data: marker, metadata: { actor: 'system', schemaVersion: 1 } },
    ]);
    await this.store.truncateStreamBefore(this.stream, fromRevision);
  }

  /** The newest readable snapshot, or undefined (then replay from the beginning). */
  async load(): Promise<ReadModelSnapshot | undefined> {
    const [last] = await this.store.readStream(this.stream, { direction: 'backwards', maxCount: 1 });
    if (last?.type !== 'ReadModelSnapshotTaken') return undefined;
    const marker = last.data as MarkerData;
    if (marker.format !== SNAPSHOT_FORMAT) return undefined;
    const chunks = await this.store.readStream(this.stream, {
      fromRevision: marker.fromRevision,
      maxCount: marker.toRevision - marker.fromRevision + 1,
    });
    const mine = chunks.filter(
      (chunk) => chunk.type === 'ReadModelSnapshotChunk' && (chunk.data as ChunkData).snapshotId === marker.snapshotId,
    );
    if (mine.length !== marker.chunks || mine[0]!.revision !== marker.fromRevision || mine[mine.length - 1]!.revision !== marker.toRevision)
      return undefined;
    const packed = Buffer.concat(mine.map((chunk) => Buffer.from((chunk.data as ChunkData).bytes, 'base64')));
    return { position: BigInt(marker.position), states: deserialize(inflateRawSync(packed)) as Record<string, unknown> };
  }
}
