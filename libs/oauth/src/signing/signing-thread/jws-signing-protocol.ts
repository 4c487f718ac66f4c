import type { KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '@keyward/domain';

/** A key, posted once before the first job that names its kid (a KeyObject crosses threads by postMessage). */
export interface KeyMessage {
  readonly kind: 'key';
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
}

/** Every signing input gathered in one turn of the event loop: one message, one wake-up of the thread. */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly batchId: number;
  readonly jobs: readonly { readonly kid: string; readonly signingInput: string }[];
}

/** In job order: the signature, or why that job failed. */
export interface BatchReply {
  readonly batchId: number;
  readonly results: readonly ({ readonly signature: string } | { readonly failure: string })[];
}
