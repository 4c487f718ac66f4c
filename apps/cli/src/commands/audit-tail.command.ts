import type { Command } from 'commander';
import { loadConfig } from '@keyward/config';
import { auditRecordSourceFor } from '../audit-tail/audit-record-source-for';
import type { AuditTailOptions } from '../audit-tail/audit-tail-options';
import { runAuditTail } from '../audit-tail/run-audit-tail';
import { stopOnSignals } from '../audit-tail/stop-on-signals';

// Whatever a client library leaves running after a clean stop must not keep the tail alive.
const EXIT_GRACE_MS = 5000;

/** `audit tail [--from-beginning] [--org ID] [--type T]... [--json] [--group ID]`: the audit stream, as security teams read it. */
export function registerAuditTail(program: Command): void {
  program
    .command('audit')
    .description('the audit stream (Kafka topic AUDIT_TOPIC, or DATA_DIR/audit.jsonl without KAFKA_BROKERS)')
    .command('tail')
    .description('print audit records as they arrive, each once, one line per record; Ctrl-C stops')
    .option('--from-beginning', 'start with the oldest record kept instead of new ones')
    .option('--org <id>', 'only records of this organization')
    .option(
      '--type <type>',
      'only this record type: exact, without its .vN, or a prefix ending in "." (repeatable)',
      (type: string, types: string[] = []) => [...types, type],
    )
    .option('--json', 'print each record as its CloudEvents JSON, one per line')
    .option('--group <id>', 'Kafka consumer group to join and commit to (default: a new one per run, so tails never share partitions)')
    .action(async (raw: { fromBeginning?: boolean; org?: string; type?: string[]; json?: boolean; group?: string }) => {
      const options: AuditTailOptions = {
        fromBeginning: raw.fromBeginning === true,
        org: raw.org,
        types: raw.type ?? [],
        json: raw.json === true,
        group: raw.group,
      };
      const warn = (message: string) => process.stderr.write(`keyward: ${message}\n`);
      const source = auditRecordSourceFor(loadConfig(), options, warn);
      const stop = stopOnSignals();
      warn(`reading ${source.description}`);
      try {
        await runAuditTail(source, options, { out: process.stdout, warn }, stop.signal);
      } finally {
        stop.dispose();
      }
      setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
    });
}
