import { sampleAuditRecord } from './sample-audit-record.fixture';
import { randomUUID } from 'node:crypto';
import { compactVerify, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { AuditRecord } from '../record/audit-record';
import { AuditChains } from './audit-chains';
import { chainHashOf, type ChainedAuditRecord } from './audit-chain';
import { verifyAuditChains, type CheckpointJwsVerifier } from './audit-chain-verifier';
import { CHAIN_CHECKPOINT_JWS_TYPE, chainCheckpointRecord, type ChainCheckpointClaims } from './chain-checkpoint-record';

const record = (org: string, n: number) => sampleAuditRecord(org, n, randomUUID());

let signingKey: CryptoKey;
let verifyJws: CheckpointJwsVerifier;
beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  const jwks = createLocalJWKSet({ keys: [{ ...((await exportJWK(pair.publicKey)) as JWK), kid: 'k1', alg: 'ES256' }] });
  verifyJws = async (jws) => JSON.parse(new TextDecoder().decode((await compactVerify(jws, jwks)).payload)) as ChainCheckpointClaims;
});

async function checkpointOf(head: ChainedAuditRecord, key: CryptoKey = signingKey): Promise<AuditRecord> {
  const claims = { sub: head.partitionkey, chainseq: head.chainseq, chainhash: head.chainhash, iat: 1_800_000_000 };
  const jws = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: CHAIN_CHECKPOINT_JWS_TYPE }).sign(key);
  return chainCheckpointRecord(head.partitionkey, claims, jws);
}

/** Two organizations' records, interleaved as one topic holds them, with a checkpoint of each chain. */
async function topic(count = 6): Promise<{ acme: ChainedAuditRecord[]; globex: ChainedAuditRecord[]; lines: string[] }> {
  const chains = new AuditChains();
  const all = chains.link(Array.from({ length: count * 2 }, (_, i) => record(i % 2 === 0 ? 'acme' : 'globex', i))).records;
  const acme = all.filter((r) => r.partitionkey === 'acme');
  const globex = all.filter((r) => r.partitionkey === 'globex');
  const lines = [...all, await checkpointOf(acme[acme.length - 1]), await checkpointOf(globex[globex.length - 1])].map((r) =>
    JSON.stringify(r),
  );
  return { acme, globex, lines };
}
const lineOf = (r: object) => JSON.stringify(r);
const firstProblem = async (lines: string[]) => (await verifyAuditChains(lines, verifyJws)).problems[0];

describe('verifyAuditChains', () => {
  it('finds an intact topic intact: each chain linked from genesis and covered by its signed checkpoint', async () => {
    const { lines } = await topic();
    const result = await verifyAuditChains(lines, verifyJws);
    expect(result).toMatchObject({ intact: true, problems: [], duplicates: 0 });
    expect(result.chains).toEqual([
      { chain: 'acme', records: 6, firstSeq: 1, lastSeq: 6, signedSeq: 6, checkpointsVerified: 1 },
      { chain: 'globex', records: 6, firstSeq: 1, lastSeq: 6, signedSeq: 6, checkpointsVerified: 1 },
    ]);
  });

  it('tolerates at-least-once duplicates: a republished run of records, and a checkpoint published twice', async () => {
    const { acme, lines } = await topic();
    const republished = [...lines.slice(0, 8), ...acme.slice(2, 4).map(lineOf), ...lines.slice(8), lines[lines.length - 1]];
    const result = await verifyAuditChains(republished, verifyJws);
    expect(result).toMatchObject({ intact: true, duplicates: 3 });
  });

  it('names an altered record (its content no longer matches its chainhash)', async () => {
    const { acme, lines } = await topic();
    const altered = lines.map((line) =>
      line === lineOf(acme[2]) ? lineOf({ ...acme[2], data: { ...acme[2].data, name: 'innocent' } }) : line,
    );
    expect(await firstProblem(altered)).toMatchObject({ kind: 'altered', chain: 'acme', chainseq: 3, id: acme[2].id });
  });

  it('names an altered record whose chainhash was recomputed: the next record does not link to it', async () => {
    const { acme, lines } = await topic();
    const forged = { ...acme[2], data: { ...acme[2].data, name: 'innocent' } };
    const rehashed = { ...forged, chainhash: chainHashOf(forged as unknown as Record<string, unknown>) };
    expect(await firstProblem(lines.map((line) => (line === lineOf(acme[2]) ? lineOf(rehashed) : line)))).toMatchObject({
      kind: 'altered',
      chainseq: 3,
      id: acme[2].id,
    });
  });

  it('names the place of a dropped record, and a dropped tail through the signed checkpoint', async () => {
    const { acme, lines } = await topic();
    expect(await firstProblem(lines.filter((line) => line !== lineOf(acme[3])))).toMatchObject({
      kind: 'dropped',
      chain: 'acme',
      chainseq: 4,
      id: acme[4].id,
    });
    expect(await firstProblem(lines.filter((line) => line !== lineOf(acme[5])))).toMatchObject({
      kind: 'dropped',
      chain: 'acme',
      chainseq: 6,
    });
  });

  it('names an inserted record: without chain attributes, or claiming the place of another', async () => {
    const { acme, lines } = await topic();
    const bare = record('acme', 99);
    const withBare = [...lines.slice(0, 5), lineOf(bare), ...lines.slice(5)];
    expect(await firstProblem(withBare)).toMatchObject({ kind: 'inserted', chain: 'acme', id: bare.id });

    // A forger who knows the algorithm links a new record to acme's third and rehashes it.
    const forged = { ...record('acme', 98), chainseq: 4, chainprev: acme[2].chainhash };
    const linked = { ...forged, chainhash: chainHashOf(forged as unknown as Record<string, unknown>) };
    const at = lines.indexOf(lineOf(acme[3]));
    const withForged = [...lines.slice(0, at), lineOf(linked), ...lines.slice(at)];
    expect(await firstProblem(withForged)).toMatchObject({ kind: 'inserted', chainseq: 4, id: linked.id });
  });

  it('names a reordered record', async () => {
    const { acme, lines } = await topic();
    const i = lines.indexOf(lineOf(acme[1]));
    const j = lines.indexOf(lineOf(acme[2]));
    const swapped = [...lines];
    [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
    expect(await firstProblem(swapped)).toMatchObject({ kind: 'reordered', chain: 'acme', chainseq: 3, id: acme[2].id });
  });

  it('refuses a checkpoint that does not verify against the JWKS, or that was edited', async () => {
    const { acme, lines } = await topic();
    const stranger = (await generateKeyPair('ES256')).privateKey;
    const foreign = lineOf(await checkpointOf(acme[5], stranger));
    const withForeign = lines.map((line, index) => (index === lines.length - 2 ? foreign : line));
    expect(await firstProblem(withForeign)).toMatchObject({ kind: 'bad_signature', chain: 'acme', chainseq: 6 });
    const checkpoint = JSON.parse(lines[lines.length - 2]);
    const edited = lineOf({ ...checkpoint, data: { ...checkpoint.data, details: { ...checkpoint.data.details, chainseq: 5 } } });
    expect(await firstProblem(lines.map((line, index) => (index === lines.length - 2 ? edited : line)))).toMatchObject({
      kind: 'altered',
      chain: 'acme',
    });
  });

  it('accepts a chain that starts after chainseq 1 (older records past retention) and skips a torn line', async () => {
    const { globex, lines } = await topic();
    const retained = lines.filter((line) => !line.includes(globex[0].id) && !line.includes(globex[1].id));
    const result = await verifyAuditChains([...retained, '{"specversion":"1.0","id":"to'], verifyJws);
    expect(result).toMatchObject({ intact: true, unreadable: 1 });
    expect(result.chains.find((c) => c.chain === 'globex')).toMatchObject({ firstSeq: 3, lastSeq: 6 });
  });
});
