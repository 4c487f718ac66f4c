import { createHash } from 'node:crypto';
import type { AuditRecord } from '../record/audit-record';
import { canonicalJson } from './canonical-json';

/**
 * The CloudEvents extension attributes of the hash chain (CloudEvents §3.1.1: lowercase alphanumeric
 * names). Each partition key (an organization, or "system") has its own chain.
 */
export interface ChainAttributes {
  /** 1, 2, 3…: the record's place in its organization's chain. */
  readonly chainseq: number;
  /** The chainhash of the record before it in the chain; GENESIS_HASH for the first. */
  readonly chainprev: string;
  /** SHA-256 (hex) of the record's RFC 8785 canonical JSON without chainhash (so chainseq and chainprev are covered). */
  readonly chainhash: string;
}

export type ChainedAuditRecord = AuditRecord & ChainAttributes;

export const GENESIS_HASH = '0'.repeat(64);

/** The head of one chain: what the next record links to. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** RFC 8785 (JCS) canonical form: the same bytes whoever serialised the JSON, whatever its key order or spacing. */
export function chainHashOf(record: Readonly<Record<string, unknown>>): string {
  const { chainhash: _, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}

// A linked record's JSON text, made from the canonical form its hash was computed over: a sink writes
// it as it is instead of serializing the record a second time.
const serializedRecords = new WeakMap<object, string>();

export function linkRecord(record: AuditRecord, head: ChainHead | undefined): ChainedAuditRecord {
  const linked = { ...record, chainseq: (head?.seq ?? 0) + 1, chainprev: head?.hash ?? GENESIS_HASH };
  const canonical = canonicalJson(linked);
  const chained: ChainedAuditRecord = Object.assign(linked, { chainhash: sha256Hex(canonical) });
  // "chainhash" sorts before every member name an audit record has, so this is the whole record's
  // canonical form (and valid JSON with the same members whatever names a record may gain).
  serializedRecords.set(chained, `{"chainhash":"${chained.chainhash}",${canonical.slice(1)}`);
  return chained;
}

/** The record as one line of JSON: the canonical text of a linked record, JSON.stringify for any other. */
export function serializeAuditRecord(record: AuditRecord): string {
  return serializedRecords.get(record) ?? JSON.stringify(record);
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
