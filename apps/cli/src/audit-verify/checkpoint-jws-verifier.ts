import { readFile } from 'node:fs/promises';
import { compactVerify, createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { CHAIN_CHECKPOINT_JWS_TYPE, type ChainCheckpointClaims, type CheckpointJwsVerifier } from '@keyward/audit';

/** Verifies checkpoint signatures against keyward's JWKS: a URL (`/.well-known/jwks.json`) or a file holding it. */
export async function checkpointJwsVerifier(jwks: string): Promise<CheckpointJwsVerifier> {
  const keys = /^https?:\/\//.test(jwks)
    ? createRemoteJWKSet(new URL(jwks))
    : createLocalJWKSet(JSON.parse(await readFile(jwks, 'utf8')) as JSONWebKeySet);
  return async (jws) => {
    const { payload, protectedHeader } = await compactVerify(jws, keys, { algorithms: ['ES256', 'EdDSA', 'RS256'] });
    // RFC 8725 §3.11: the typ keeps a checkpoint from passing for another kind of JWS signed by the same key.
    if (protectedHeader.typ !== CHAIN_CHECKPOINT_JWS_TYPE)
      throw new Error(`typ is ${protectedHeader.typ}, not ${CHAIN_CHECKPOINT_JWS_TYPE}`);
    return JSON.parse(new TextDecoder().decode(payload)) as ChainCheckpointClaims;
  };
}
