import { chainHashOf, GENESIS_HASH } from './audit-chain';
import { CHAIN_CHECKPOINT_TYPE, type ChainCheckpointClaims } from './chain-checkpoint-record';

export type ChainProblemKind = 'altered' | 'dropped' | 'inserted' | 'reordered' | 'bad_signature';

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The chain: an organization id, or "system". */
  readonly chain: string;
  readonly chainseq?: number;
  readonly id?: string;
  readonly message: string;
}

export interface ChainSummary {
  readonly chain: string;
  readonly records: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The highest chainseq a verified signed checkpoint covers; 0 when none does. */
  readonly signedSeq: number;
  readonly checkpointsVerified: number;
}

export interface ChainVerification {
  readonly intact: boolean;
  /** The first problem of each chain, in the order the chains first appear. */
  readonly problems: readonly ChainProblem[];
  readonly chains: readonly ChainSummary[];
  /** Records delivered twice (same id, same chainhash): at-least-once delivery, not tampering. */
  readonly duplicates: number;
  /** Records without chain attributes before their chain starts (written before the chain existed). */
  readonly unchained: number;
  /** Lines that are not JSON objects (a torn last line after a crash). */
  readonly unreadable: number;
}

/** Verifies a checkpoint's JWS against keyward's JWKS and returns its claims; throws when it does not verify. */
export type CheckpointJwsVerifier = (jws: string) => Promise<ChainCheckpointClaims>;

interface Entry {
  readonly id: string;
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
}

interface ChainInput {
  readonly entries: Entry[];
  readonly checkpoints: Map<string, { readonly id: string; readonly seq: number; readonly hash: string; readonly jws: string }>;
  problem?: ChainProblem;
  /** Where in the chain's reading order the problem is, so the first one is named. */
  problemAt?: number;
}

/**
 * Checks audit records, in the order they were read, against their hash chains and signed checkpoints.
 * Works on what retention kept: a chain may start after chainseq 1. Holds one small entry per record.
 */
export async function verifyAuditChains(
  lines: AsyncIterable<string> | Iterable<string>,
  verifyJws: CheckpointJwsVerifier,
): Promise<ChainVerification> {
  const chains = new Map<string, ChainInput>();
  const seen = new Map<string, string>();
  let duplicates = 0;
  let unchained = 0;
  let unreadable = 0;
  const chainOf = (key: string) => chains.get(key) ?? chains.set(key, { entries: [], checkpoints: new Map() }).get(key)!;
  const flag = (chain: ChainInput, problem: ChainProblem, at: number) => {
    if (chain.problemAt === undefined || at < chain.problemAt) Object.assign(chain, { problem, problemAt: at });
  };

  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = parse(line);
    if (!record) {
      unreadable++;
      continue;
    }
    const key = String(record.partitionkey);
    const chain = chainOf(key);
    const id = String(record.id);
    if (record.type === CHAIN_CHECKPOINT_TYPE) {
      const details = (record.data as { details?: Record<string, unknown> } | undefined)?.details ?? {};
      if (chain.checkpoints.has(id)) duplicates++;
      else chain.checkpoints.set(id, { id, seq: Number(details.chainseq), hash: String(details.chainhash), jws: String(details.jws) });
      continue;
    }
    if (typeof record.chainseq !== 'number') {
      if (chain.entries.length === 0) unchained++;
      else
        flag(
          chain,
          {
            kind: 'inserted',
            chain: key,
            id,
            message: `record ${id} has no chain attributes but sits inside the chain of ${key}: it was inserted`,
          },
          chain.entries.length,
        );
      continue;
    }
    const entry: Entry = { id, seq: record.chainseq, prev: String(record.chainprev), hash: String(record.chainhash) };
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      if (earlier === entry.hash) duplicates++;
      else
        flag(
          chain,
          {
            kind: 'altered',
            chain: key,
            chainseq: entry.seq,
            id,
            message: `record ${id} (chainseq ${entry.seq}) was read twice with different contents: one copy was altered`,
          },
          chain.entries.length,
        );
      continue;
    }
    seen.set(id, entry.hash);
    if (chainHashOf(record) !== entry.hash) {
      flag(
        chain,
        {
          kind: 'altered',
          chain: key,
          chainseq: entry.seq,
          id,
          message: `record ${id} (chainseq ${entry.seq}) does not match its chainhash: it was altered`,
        },
        chain.entries.length,
      );
    }
    chain.entries.push(entry);
  }

  const problems: ChainProblem[] = [];
  const summaries: ChainSummary[] = [];
  for (const [key, chain] of chains) {
    const checked = checkLinks(key, chain.entries);
    if (checked.problem) flag(chain, checked.problem, checked.at!);
    const { first, last } = seqRange(chain.entries);
    const signed = await checkCheckpoints(key, chain, checked.bySeq, { first, last }, verifyJws);
    if (signed.problem) flag(chain, signed.problem, Number.MAX_SAFE_INTEGER);
    if (chain.problem) problems.push(chain.problem);
    summaries.push({
      chain: key,
      records: chain.entries.length,
      firstSeq: chain.entries.length ? first : 0,
      lastSeq: last,
      signedSeq: signed.signedSeq,
      checkpointsVerified: signed.verified,
    });
  }
  return { intact: problems.length === 0, problems, chains: summaries, duplicates, unchained, unreadable };
}

/** Walks a chain in reading order; the first record may start after 1 (retention), every later one must link to the one before. */
function checkLinks(chain: string, entries: readonly Entry[]): { problem?: ChainProblem; at?: number; bySeq: Map<number, Entry[]> } {
  const bySeq = new Map<number, Entry[]>();
  for (const entry of entries) {
    const same = bySeq.get(entry.seq);
    if (same) same.push(entry);
    else bySeq.set(entry.seq, [entry]);
  }
  let head: Entry | undefined;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (head === undefined) {
      if (entry.seq === 1 && entry.prev !== GENESIS_HASH)
        return {
          bySeq,
          at: index,
          problem: {
            kind: 'altered',
            chain,
            chainseq: 1,
            id: entry.id,
            message: `record ${entry.id} (chainseq 1) does not start from the genesis hash`,
          },
        };
      head = entry;
      continue;
    }
    const expected = head.seq + 1;
    if (entry.seq === expected && entry.prev === head.hash) {
      head = entry;
      continue;
    }
    if (entry.seq > expected) {
      const missing = entries.slice(index + 1).find((later) => later.seq === expected);
      if (missing)
        return {
          bySeq,
          at: index,
          problem: {
            kind: 'reordered',
            chain,
            chainseq: entry.seq,
            id: entry.id,
            message: `record ${entry.id} (chainseq ${entry.seq}) comes before chainseq ${expected} (${missing.id}): records were reordered`,
          },
        };
      const gap = entry.seq - 1 === expected ? `chainseq ${expected}` : `chainseq ${expected} to ${entry.seq - 1}`;
      return {
        bySeq,
        at: index,
        problem: {
          kind: 'dropped',
          chain,
          chainseq: expected,
          id: entry.id,
          message: `${gap} of ${chain} is missing before record ${entry.id} (chainseq ${entry.seq}): records were dropped`,
        },
      };
    }
    const rivals = bySeq.get(entry.seq) ?? [];
    if (entry.seq === expected) {
      // Right place, wrong link: either this record was inserted beside the real one, or the record before it is not the original.
      if (rivals.some((rival) => rival !== entry && rival.prev === head!.hash))
        return { bySeq, at: index, problem: insertedProblem(chain, entry, rivals) };
      return {
        bySeq,
        at: index,
        problem: {
          kind: 'altered',
          chain,
          chainseq: head.seq,
          id: head.id,
          message: `record ${head.id} (chainseq ${head.seq}) is not the record that chainseq ${entry.seq} (${entry.id}) links to: it was altered or replaced`,
        },
      };
    }
    // A place the chain has passed: two records claim it, and the one its successor links to is the original.
    const successors = bySeq.get(entry.seq + 1) ?? [];
    const original = rivals.find((rival) => successors.some((next) => next.prev === rival.hash));
    const inserted = original ? (rivals.find((rival) => rival !== original) ?? entry) : entry;
    return { bySeq, at: index, problem: insertedProblem(chain, inserted, rivals) };
  }
  return { bySeq };
}

function insertedProblem(chain: string, inserted: Entry, rivals: readonly Entry[]): ChainProblem {
  const other = rivals.find((rival) => rival !== inserted);
  return {
    kind: 'inserted',
    chain,
    chainseq: inserted.seq,
    id: inserted.id,
    message: `record ${inserted.id} claims chainseq ${inserted.seq}, which belongs to ${other?.id ?? 'another record'}: it was inserted`,
  };
}

/** Each signed checkpoint must verify against the JWKS and name a head the chain has. */
async function checkCheckpoints(
  chain: string,
  input: ChainInput,
  bySeq: Map<number, Entry[]>,
  { first, last }: { first: number; last: number },
  verifyJws: CheckpointJwsVerifier,
): Promise<{ problem?: ChainProblem; signedSeq: number; verified: number }> {
  let signedSeq = 0;
  let verified = 0;
  for (const checkpoint of input.checkpoints.values()) {
    let claims: ChainCheckpointClaims;
    try {
      claims = await verifyJws(checkpoint.jws);
    } catch (error) {
      return {
        signedSeq,
        verified,
        problem: {
          kind: 'bad_signature',
          chain,
          chainseq: checkpoint.seq,
          id: checkpoint.id,
          message: `checkpoint ${checkpoint.id} (chainseq ${checkpoint.seq}) does not verify against the JWKS: ${(error as Error).message}`,
        },
      };
    }
    if (claims.sub !== chain || claims.chainseq !== checkpoint.seq || claims.chainhash !== checkpoint.hash) {
      return {
        signedSeq,
        verified,
        problem: {
          kind: 'altered',
          chain,
          chainseq: checkpoint.seq,
          id: checkpoint.id,
          message: `checkpoint ${checkpoint.id} says otherwise than its signature: it was altered`,
        },
      };
    }
    verified++;
    if (claims.chainseq < first) continue; // signed a part of the chain that retention removed
    if (claims.chainseq > last) {
      return {
        signedSeq,
        verified,
        problem: {
          kind: 'dropped',
          chain,
          chainseq: last + 1,
          message: `a signed checkpoint covers ${chain} up to chainseq ${claims.chainseq}, but the records end at ${last}: chainseq ${last + 1} to ${claims.chainseq} were dropped`,
        },
      };
    }
    const atSeq = bySeq.get(claims.chainseq) ?? [];
    if (!atSeq.some((entry) => entry.hash === claims.chainhash)) {
      const entry = atSeq[0];
      return {
        signedSeq,
        verified,
        problem: {
          kind: 'altered',
          chain,
          chainseq: claims.chainseq,
          id: entry?.id,
          message: `the signed checkpoint at chainseq ${claims.chainseq} names another head hash than record ${entry?.id ?? '(missing)'}: the chain up to it was altered`,
        },
      };
    }
    signedSeq = Math.max(signedSeq, claims.chainseq);
  }
  return { signedSeq, verified };
}

function seqRange(entries: readonly Entry[]): { first: number; last: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const { seq } of entries) {
    if (seq < first) first = seq;
    if (seq > last) last = seq;
  }
  return { first, last };
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
