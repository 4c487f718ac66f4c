import { hash } from 'node:crypto';
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

// One-shot: no Hash object per record (crypto.hash, Node 20.12).
export const sha256Hex = (input: string | Buffer): string => hash('sha256', input, 'hex');
