import { constants, writeSync } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { encodedAuditLines } from '../../chain/chained-lines';
import type { AuditRecord } from '../../record/audit-record';
import type { AuditSink } from '../audit-sink.port';

export interface JsonlAuditSinkOptions {
  /**
   * Write each batch on this thread instead of in libuv's pool. Default: on a worker thread (the server's
   * relay thread), where nothing else waits for the event loop while the disk syncs, and a pool trip
   * (a wake-up there and one back, promise turns) costs more than the write. Never on the main thread.
   */
  readonly writeOnThisThread?: boolean;
}

/**
 * The embedded default when no Kafka is configured: one CloudEvents JSON record per line in
 * DATA_DIR/audit.jsonl, the same schema as on the topic. Durable per batch (O_DSYNC, or fdatasync where
 * there is none), so the relay checkpoints only records that survive a power cut. Duplicates after a
 * crash are dropped by id, as on Kafka.
 */
export class JsonlAuditSink implements AuditSink {
  readonly description: string;
  private file: FileHandle | undefined;
  private readonly writeOnThisThread: boolean;

  constructor(
    private readonly path: string,
    options: JsonlAuditSinkOptions = {},
  ) {
    this.description = `jsonl:${path}`;
    this.writeOnThisThread = options.writeOnThisThread ?? !isMainThread;
  }

  async open(): Promise<void> {
    if (this.file) return;
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const file = await open(this.path, OPEN_FLAGS, 0o600);
    try {
      await terminateTornLine(file);
    } catch (error) {
      await file.close();
      throw error;
    }
    this.file = file;
  }

  async publish(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (!this.file) await this.open();
    const file = this.file as FileHandle;
    // The batch's lines as the chain wrote them; one write, durable when it returns (O_DSYNC).
    const bytes = encodedAuditLines(records);
    if (this.writeOnThisThread) {
      for (let written = 0; written < bytes.length;) written += writeSync(file.fd, bytes, written);
      if (!O_DSYNC) await file.datasync();
      return;
    }
    for (let written = 0; written < bytes.length;) written += (await file.write(bytes, written)).bytesWritten;
    if (!O_DSYNC) await file.datasync();
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    await file?.close();
  }
}

const { O_APPEND, O_CREAT, O_DSYNC, O_RDWR } = constants;
// 'a+' (read for the torn-line check, append), and each write reaches the disk before it returns.
const OPEN_FLAGS = O_RDWR | O_APPEND | O_CREAT | (O_DSYNC ?? 0);

// A crash mid-write leaves a partial last line; end it so the next record starts on its own line
// (readers skip a line that does not parse).
async function terminateTornLine(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) {
    await file.appendFile('\n');
    await file.datasync();
  }
}
