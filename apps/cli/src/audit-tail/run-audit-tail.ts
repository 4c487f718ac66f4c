import { once } from 'node:events';
import type { AuditRecord } from '@keyward/audit';
import { auditRecordFilter } from './audit-record-filter';
import type { AuditRecordSource } from './audit-record-source';
import type { AuditTailOptions } from './audit-tail-options';
import { formatAuditLine } from './format-audit-line';
import { SeenRecordIds } from './seen-record-ids';

export interface AuditTailIo {
  readonly out: NodeJS.WritableStream;
  readonly warn: (message: string) => void;
}

/** Reads the source until `signal` aborts, printing each record once (by id) that passes the filters. */
export async function runAuditTail(
  source: AuditRecordSource,
  options: AuditTailOptions,
  io: AuditTailIo,
  signal: AbortSignal,
): Promise<void> {
  const seen = new SeenRecordIds();
  const wanted = auditRecordFilter(options);
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  // A closed pipe (`audit tail | head`) ends the tail quietly, like any Unix filter.
  io.out.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? stop.abort() : io.warn(`output: ${error.message}`)));

  await source.run(async (json) => {
    const record = parseAuditRecord(json);
    if (record === undefined) return io.warn(`skipped a line that is not an audit record: ${json.slice(0, 80)}`);
    if (!seen.firstSighting(record.id) || !wanted(record) || stop.signal.aborted) return;
    if (!io.out.write(`${options.json ? JSON.stringify(record) : formatAuditLine(record)}\n`))
      await Promise.race([once(io.out, 'drain'), once(stop.signal, 'abort')]);
  }, stop.signal);
}

function parseAuditRecord(json: string): AuditRecord | undefined {
  try {
    const value = JSON.parse(json) as Partial<AuditRecord> | null;
    return value !== null && typeof value === 'object' && typeof value.id === 'string' && typeof value.type === 'string'
      ? (value as AuditRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
