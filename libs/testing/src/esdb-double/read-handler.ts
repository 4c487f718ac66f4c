import type { handleServerStreamingCall } from '@grpc/grpc-js';
import type { EventLog } from './event-log';
import { streams } from './generated';
import { readAll, readStream } from './reads';
import { invalidArgument } from './rpc-errors';
import { subscribe } from './subscription';

const { StreamOptionCase, CountOptionCase } = streams.ReadReq.Options;

/** Streams/Read serves one-off reads and subscriptions alike, for one stream or for $all. */
export function readHandler(log: EventLog): handleServerStreamingCall<streams.ReadReq, streams.ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    const target = options?.getStreamOptionCase();
    const mode = options?.getCountOptionCase();
    if (options === undefined || target === StreamOptionCase.STREAM_OPTION_NOT_SET || mode === CountOptionCase.COUNT_OPTION_NOT_SET) {
      call.emit('error', invalidArgument('read without stream and count options'));
      return;
    }
    const work =
      mode === CountOptionCase.SUBSCRIPTION
        ? subscribe(log, call, options)
        : target === StreamOptionCase.STREAM
          ? readStream(log, call, options)
          : readAll(log, call, options);
    work.catch((error: unknown) => call.emit('error', error instanceof Error && 'code' in error ? error : invalidArgument(String(error))));
  };
}
