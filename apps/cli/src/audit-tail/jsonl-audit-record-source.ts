import { type FileHandle, open } from 'node:fs/promises';
import { pause } from '@keyward/event-store';
import type { AuditRecordSource } from './audit-record-source';

const CHUNK_BYTES = 1 << 20;

export interface JsonlAuditRecordSourceOptions {
  readonly path: string;
  readonly fromBeginning: boolean;
  /** How often the file is checked for new lines. Default 250 ms. */
  readonly pollMs?: number;
  /** Told once when the file does not exist yet (the server creates it when its embedded relay starts). */
  readonly onMissing?: () => void;
}

/**
 * DATA_DIR/audit.jsonl, followed like `tail -f`: from its start with --from-beginning, otherwise from its
 * end. Only complete lines are read: the relay may be halfway through writing the last one.
 */
export class JsonlAuditRecordSource implements AuditRecordSource {
  readonly description: string;

  constructor(private readonly options: JsonlAuditRecordSourceOptions) {
    this.description = `${options.path} (no KAFKA_BROKERS: the embedded relay's file)`;
  }

  async run(onRecord: (json: string) => Promise<void> | void, signal: AbortSignal): Promise<void> {
    let offset: number | undefined = this.options.fromBeginning ? 0 : undefined;
    let toldMissing = false;
    while (!signal.aborted) {
      const file = await openIfExists(this.options.path);
      if (file === undefined) {
        if (!toldMissing) this.options.onMissing?.();
        toldMissing = true;
        offset = 0; // created later: everything in it is new
      } else {
        try {
          const { size } = await file.stat();
          // Smaller than what was read: the file was replaced or truncated; start over.
          if (offset === undefined || offset > size) offset = offset === undefined ? size : 0;
          offset = await this.readFrom(file, offset, size, onRecord);
        } finally {
          await file.close();
        }
      }
      await pause(this.options.pollMs ?? 250, signal);
    }
  }

  /** Reads in bounded chunks (the file can be large) up to `size`; returns the offset after the last complete line. */
  private async readFrom(
    file: FileHandle,
    offset: number,
    size: number,
    onRecord: (json: string) => Promise<void> | void,
  ): Promise<number> {
    let chunk = CHUNK_BYTES;
    while (offset < size) {
      const consumed = await this.readLines(file, offset, Math.min(size, offset + chunk), onRecord);
      if (consumed > 0) {
        offset += consumed;
        chunk = CHUNK_BYTES;
      } else if (offset + chunk < size) {
        chunk *= 2; // one line longer than a chunk
      } else {
        break; // the last line is still being written
      }
    }
    return offset;
  }

  /** Hands over every complete line in [from, to); returns the bytes consumed. */
  private async readLines(file: FileHandle, from: number, to: number, onRecord: (json: string) => Promise<void> | void): Promise<number> {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, from);
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
    for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) if (line.trim() !== '') await onRecord(line);
    return end;
  }
}

async function openIfExists(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
