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
  const { kids, signingInputs } = message;
  const outcomes: string[] = [];
  const failed: number[] = [];
  for (let index = 0; index < kids.length; index++) {
    const key = keys.get(kids[index]!);
    try {
      if (!key) throw new Error(`no key ${kids[index]} on the signing thread`);
      outcomes.push(jwsSignature(signingInputs[index]!, key.alg, key.privateKey));
    } catch (error) {
      outcomes.push(String((error as Error)?.message ?? error));
      failed.push(index);
    }
  }
  parentPort!.postMessage({ batchId: message.batchId, outcomes, failed } satisfies BatchReply);
});
