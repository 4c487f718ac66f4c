import type { KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '@keyward/domain';

/** A key, posted once before the first job that names its kid (a KeyObject crosses threads by postMessage). */
export interface KeyMessage {
  readonly kind: 'key';
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
}

/**
 * Every signing input gathered in one turn of the event loop: one message, one wake-up of the thread.
 * Flat arrays, job i at index i, rather than an object per job: structured cloning an object costs its
 * member names on both sides, on every grant.
 */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly batchId: number;
  readonly kids: readonly string[];
  readonly signingInputs: readonly string[];
}

/** In job order: each job's signature, or why it failed when its index is in `failed`. */
export interface BatchReply {
  readonly batchId: number;
  readonly outcomes: readonly string[];
  readonly failed: readonly number[];
}
