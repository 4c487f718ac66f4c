import type { AuditRecord } from '../record/audit-record';
import { isMarkedInCanonicalOrder } from '../record/canonical-order';
import { EncodedAuditRecord } from '../record/encoded-audit-record';
import { type ChainedAuditRecord, type ChainHead, GENESIS_HASH, sha256Hex } from './audit-chain';
import { canonicalJson, isCanonicalAsIs } from './canonical-json';
import { ChainedEncodedAuditRecord } from './chained-encoded-record';

/** A linked batch's lines: line i ends at ends[i], its newline. */
interface LinkedLines {
  readonly bytes: Buffer;
  readonly ends: readonly number[];
}

// By the batch (the records array `finish` returns), not by record: one weak entry a batch, not one a
// record (a weak collection's write barrier and its share of every scavenge cost about a µs a record).
const linkedBatches = new WeakMap<readonly AuditRecord[], LinkedLines>();

const CHAINHASH_HEAD = '{"chainhash":"';
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * Links records and writes their JSON lines into one buffer as it goes, so the chain's hash input, the
 * line a sink writes and the batch a file gets are the same bytes, encoded once: no string is joined,
 * copied into a Buffer or encoded again per record.
 *
 * A record in canonical order (what the default mapping makes, or an EncodedAuditRecord's text) is written as `{"chainhash":"…",` then
 * `"chainprev":…,"chainseq":…,` and its own JSON without the `{`. Its hash input is that line from
 * "chainprev" on, opened with a `{` for the moment of hashing: the canonical text without chainhash
 * ("chainhash" < "chainprev" < "chainseq" < any member of such a record).
 */
export class ChainedLinesWriter {
  private bytes: Buffer;
  private at = 0;
  private readonly linked: ChainedAuditRecord[] = [];
  private readonly ends: number[] = [];

  constructor(expectedRecords: number) {
    // An issued token's line is about 1.2 KB: most batches fit without growing.
    this.bytes = Buffer.allocUnsafe(Math.max(4096, expectedRecords * 1536));
  }

  link(record: AuditRecord, head: ChainHead | undefined): ChainedAuditRecord {
    const chainseq = (head?.seq ?? 0) + 1;
    const chainprev = head?.hash ?? GENESIS_HASH;
    let chained: ChainedAuditRecord;
    if (record instanceof EncodedAuditRecord)
      chained = new ChainedEncodedAuditRecord(record, this.writeInOrder(record.json, chainseq, chainprev), chainprev, chainseq);
    else if (inCanonicalOrderAfterChainMembers(record)) {
      const chainhash = this.writeInOrder(JSON.stringify(record), chainseq, chainprev);
      // Chain members first: V8 copies a spread at the end of a literal fast, while members added after
      // a spread cost microseconds a record.
      chained = { chainhash, chainprev, chainseq, ...record };
    } else chained = this.writeSorted(record, chainseq, chainprev);
    this.bytes[this.at++] = NEWLINE;
    this.linked.push(chained);
    this.ends.push(this.at - 1);
    return chained;
  }

  /**
   * The linked records. Published as this array, their lines are the bytes written here (encodedAuditLines);
   * records pushed onto it afterwards (signed chain checkpoints) are serialized when it is published.
   */
  finish(): ChainedAuditRecord[] {
    linkedBatches.set(this.linked, { bytes: this.bytes.subarray(0, this.at), ends: this.ends });
    return this.linked;
  }

  /** Writes the line of a record whose canonical JSON is `json`; answers its chainhash. */
  private writeInOrder(json: string, chainseq: number, chainprev: string): string {
    const chainMembers = `{"chainprev":${JSON.stringify(chainprev)},"chainseq":${chainseq}`;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; 64 hex digits, 2 quotes and the newline besides.
    this.reserve(CHAINHASH_HEAD.length + 67 + 3 * (chainMembers.length + json.length));
    this.at += this.bytes.write(CHAINHASH_HEAD, this.at, 'latin1');
    const hashAt = this.at;
    this.at += 64;
    this.bytes[this.at++] = QUOTE;
    const hashed = this.at;
    this.at += this.bytes.write(chainMembers, this.at);
    const rest = this.at;
    this.at += this.bytes.write(json, this.at);
    // The record's own `{` gives way to the comma after chainseq; the hash input's `{` becomes the comma
    // after chainhash once hashed.
    this.bytes[rest] = COMMA;
    const chainhash = sha256Hex(this.bytes.subarray(hashed, this.at));
    this.bytes[hashed] = COMMA;
    this.bytes.write(chainhash, hashAt, 'latin1');
    return chainhash;
  }

  /** Any other record: a sorted copy with the chain members among its own. */
  private writeSorted(record: AuditRecord, chainseq: number, chainprev: string): ChainedAuditRecord {
    const { chainhash: _, ...rest } = record as AuditRecord & { chainhash?: string };
    const linked = { ...rest, chainseq, chainprev };
    const chained: ChainedAuditRecord = { ...linked, chainhash: sha256Hex(canonicalJson(linked)) };
    const text = canonicalJson(chained);
    this.reserve(3 * text.length + 1);
    this.at += this.bytes.write(text, this.at);
    return chained;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.bytes.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.at + bytes));
    this.bytes.copy(larger, 0, 0, this.at);
    this.bytes = larger;
  }
}

/** Members in canonical order, the first after "chainseq" (so none is a chain member): every record the default mapping makes. */
function inCanonicalOrderAfterChainMembers(record: AuditRecord): boolean {
  if (isMarkedInCanonicalOrder(record)) return true;
  for (const first in record) return first > 'chainseq' && isCanonicalAsIs(record);
  return false;
}

/**
 * A record as one line of JSON: a linked record's canonical text (the line it was written as), JSON.stringify
 * of any other (a signed chain checkpoint).
 */
export function serializeAuditRecord(record: AuditRecord): string {
  return typeof (record as Partial<ChainedAuditRecord>).chainhash === 'string' ? canonicalJson(record) : JSON.stringify(record);
}

/** The records as JSON lines, each ended by a newline: a linked batch as the bytes it was written into, no copy. */
export function encodedAuditLines(records: readonly AuditRecord[]): Buffer {
  const linked = linkedBatches.get(records);
  const written = Math.min(linked?.ends.length ?? 0, records.length);
  const head = written === 0 ? undefined : linked!.bytes.subarray(0, linked!.ends[written - 1]! + 1);
  let rest = '';
  for (let i = written; i < records.length; i++) rest += `${serializeAuditRecord(records[i]!)}\n`;
  if (rest === '') return head ?? Buffer.alloc(0);
  return head === undefined ? Buffer.from(rest) : Buffer.concat([head, Buffer.from(rest)]);
}

/** Each record's line as UTF-8, without the newline (a Kafka record's value). */
export function encodedAuditRecords(records: readonly AuditRecord[]): Buffer[] {
  const linked = linkedBatches.get(records);
  const written = Math.min(linked?.ends.length ?? 0, records.length);
  return records.map((record, i) =>
    i < written
      ? linked!.bytes.subarray(i === 0 ? 0 : linked!.ends[i - 1]! + 1, linked!.ends[i])
      : Buffer.from(serializeAuditRecord(record)),
  );
}

/** Links one record after `head` (a batch is linked with a ChainedLinesWriter). */
export function linkRecord(record: AuditRecord, head: ChainHead | undefined): ChainedAuditRecord {
  const writer = new ChainedLinesWriter(1);
  writer.link(record, head);
  return writer.finish()[0]!;
}
