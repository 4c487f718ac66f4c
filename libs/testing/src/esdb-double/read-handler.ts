import type { handleServerStreamingCall } from '@grpc/grpc-js';
import { streams } from './generated';
import type { NodeContext } from './node-context';
import { readAll, readStream } from './reads';
import { invalidArgument } from './rpc-errors';
import { subscribe } from './subscription';

const { StreamOptionCase, CountOptionCase } = streams.ReadReq.Options;

/** Streams/Read serves one-off reads and subscriptions alike, for one stream or for $all (Streams.Read.cs). */
export function readHandler(node: NodeContext): handleServerStreamingCall<streams.ReadReq, streams.ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    const target = options?.getStreamOptionCase();
    const mode = options?.getCountOptionCase();
    const run = async (): Promise<void> => {
      node.assertServes(call, 'read');
      if (options === undefined || target === StreamOptionCase.STREAM_OPTION_NOT_SET || mode === CountOptionCase.COUNT_OPTION_NOT_SET) {
        throw invalidArgument('read without stream and count options');
      }
      if (mode === CountOptionCase.SUBSCRIPTION) return subscribe(node, call, options);
      return target === StreamOptionCase.STREAM ? readStream(node, call, options) : readAll(node, call, options);
    };
    run().catch((error: unknown) => call.emit('error', error instanceof Error && 'code' in error ? error : invalidArgument(String(error))));
  };
}
