import type { Message } from 'kafkajs';
import { encodedAuditRecords } from '../../chain/chained-lines';
import type { AuditRecord } from '../../record/audit-record';

// CloudEvents Kafka protocol binding §3.2: structured mode names the format in content-type.
const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';
// kafkajs puts one partition's records of a send into one record batch, which the broker refuses
// above message.max.bytes (1 MiB by default): sends stay under it even when one key takes them all.
const MAX_SEND_BYTES = 900_000;
const PER_MESSAGE_OVERHEAD = 100; // key, header and record framing

/** Structured-mode CloudEvents, each keyed by its partition key (CloudEvents Kafka binding §3.3). */
export function toKafkaMessages(records: readonly AuditRecord[]): Message[] {
  const values = encodedAuditRecords(records);
  return records.map((record, i) => ({
    key: record.partitionkey,
    value: values[i]!,
    headers: { 'content-type': STRUCTURED_CONTENT_TYPE },
  }));
}

/** Consecutive runs of messages under MAX_SEND_BYTES, in order. */
export function* chunkBySize(messages: readonly Message[]): Generator<Message[]> {
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size =
      (typeof message.value === 'string' ? Buffer.byteLength(message.value) : (message.value?.length ?? 0)) + PER_MESSAGE_OVERHEAD;
    if (chunk.length > 0 && bytes + size > MAX_SEND_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
