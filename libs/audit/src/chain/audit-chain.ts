import { hash } from 'node:crypto';
import type { AuditRecord } from '../record/audit-record';
import { canonicalJson, isCanonicalAsIs } from './canonical-json';

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
  const chainseq = (head?.seq ?? 0) + 1;
  const chainprev = head?.hash ?? GENESIS_HASH;
  if (!isCanonicalAfterChainMembers(record)) {
    const { chainhash: _, ...rest } = record as AuditRecord & { chainhash?: string };
    const linked = { ...rest, chainseq, chainprev };
    const chained: ChainedAuditRecord = { ...linked, chainhash: sha256Hex(canonicalJson(linked)) };
    serializedRecords.set(chained, canonicalJson(chained));
    return chained;
  }
  // The record's JSON as it is, with the two chain members in front: no copy, no sorting.
  const canonical = `{"chainprev":${JSON.stringify(chainprev)},"chainseq":${chainseq},${JSON.stringify(record).slice(1)}`;
  const chainhash = sha256Hex(canonical);
  // Chain members first: V8 copies a spread at the end of a literal fast, while members added after
  // a spread cost microseconds a record.
  const chained: ChainedAuditRecord = { chainhash, chainprev, chainseq, ...record };
  // "chainhash" sorts before "chainprev", so this is the whole record's canonical form.
  serializedRecords.set(chained, `{"chainhash":"${chainhash}",${canonical.slice(1)}`);
  return chained;
}

/** Members in canonical order, the first after "chainseq" (so none is a chain member): every record the default mapping makes. */
function isCanonicalAfterChainMembers(record: AuditRecord): boolean {
  for (const first in record) return first > 'chainseq' && isCanonicalAsIs(record);
  return false;
}

/** The record as one line of JSON: the canonical text of a linked record, JSON.stringify for any other. */
export function serializeAuditRecord(record: AuditRecord): string {
  return serializedRecords.get(record) ?? JSON.stringify(record);
}

// One-shot: no Hash object per record (crypto.hash, Node 20.12).
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');
