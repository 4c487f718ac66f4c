import type { KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { SigningAlgorithm } from '@keyward/domain';
import { jwsSignature } from '../compact-jws';
import type { BatchMessage, BatchReply, KeyMessage } from './jws-signing-protocol';

/** The signing thread: holds the keys it was sent and signs each batch in order. */
const keys = new Map<string, { readonly alg: SigningAlgorithm; readonly privateKey: KeyObject }>();

parentPort!.on('message', (message: KeyMessage | BatchMessage) => {
  if (message.kind === 'key') {
    keys.set(message.kid, { alg: message.alg, privateKey: message.privateKey });
    return;
  }
  const results = message.jobs.map((job): BatchReply['results'][number] => {
    const key = keys.get(job.kid);
    if (!key) return { failure: `no key ${job.kid} on the signing thread` };
    try {
      return { signature: jwsSignature(job.signingInput, key.alg, key.privateKey) };
    } catch (error) {
      return { failure: String((error as Error)?.message ?? error) };
    }
  });
  parentPort!.postMessage({ batchId: message.batchId, results } satisfies BatchReply);
});
