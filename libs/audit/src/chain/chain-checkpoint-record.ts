import { createHash } from 'node:crypto';
import { auditSource, SYSTEM_PARTITION_KEY, type AuditRecord } from '../record/audit-record';

export const CHAIN_CHECKPOINT_TYPE = 'keyward.audit.checkpoint.v1';
/** JWS `typ` (RFC 7515 §4.1.9) of a checkpoint's signature, so it is never mistaken for an access token. */
export const CHAIN_CHECKPOINT_JWS_TYPE = 'keyward-audit-checkpoint+jwt';

/** What a checkpoint's JWS signs: the chain (its partition key), how long it is, and its head hash. */
export interface ChainCheckpointClaims {
  readonly sub: string;
  readonly chainseq: number;
  readonly chainhash: string;
  readonly iat: number;
}

/** Signs checkpoint claims with keyward's active signing key (compact JWS, verified against the JWKS). */
export interface AuditCheckpointSigner {
  sign(claims: ChainCheckpointClaims): Promise<string>;
}

/**
 * A signed checkpoint of one organization's chain. It is not itself in the chain; its id follows from
 * the chain and sequence, so the same checkpoint published twice (at-least-once) is one record.
 */
export function chainCheckpointRecord(partitionKey: string, claims: ChainCheckpointClaims, jws: string): AuditRecord {
  const organizationId = partitionKey === SYSTEM_PARTITION_KEY ? undefined : partitionKey;
  return {
    specversion: '1.0',
    id: nameBasedUuid(`${partitionKey}:${claims.chainseq}`),
    source: auditSource(organizationId),
    type: CHAIN_CHECKPOINT_TYPE,
    time: new Date(claims.iat * 1000).toISOString(),
    datacontenttype: 'application/json',
    partitionkey: partitionKey,
    data: {
      actor: 'system',
      ...(organizationId ? { organizationId } : {}),
      details: { chainseq: claims.chainseq, chainhash: claims.chainhash, jws },
    },
  };
}

// RFC 9562 §5.5 (UUIDv5, SHA-1 name-based) under a namespace of keyward's own.
const NAMESPACE = Buffer.from('6b6b2f0a9e3c4d2f8a1b5c7d9e0f1a2b', 'hex');
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
