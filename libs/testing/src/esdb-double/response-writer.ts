import type { ServerWritableStream } from '@grpc/grpc-js';
import type { streams } from './generated';

export type ReadCall = ServerWritableStream<streams.ReadReq, streams.ReadResp>;

/** Writes with back-pressure; resolves false once the call is gone (client cancel, server shutdown). */
export async function send(call: ReadCall, response: streams.ReadResp): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false;
  if (call.write(response)) return true;
  return new Promise((resolve) => {
    const done = (open: boolean) => () => {
      call.off('drain', onDrain);
      call.off('close', onClose);
      resolve(open);
    };
    const onDrain = done(true);
    const onClose = done(false);
    call.once('drain', onDrain);
    call.once('close', onClose);
  });
}
