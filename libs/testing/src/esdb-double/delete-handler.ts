import { Metadata, status, type handleUnaryCall, type ServerErrorResponse } from '@grpc/grpc-js';
import { shared, streams } from './generated';
import type { NodeContext } from './node-context';
import { streamNameOf } from './reads';
import { invalidArgument, streamDeleted } from './rpc-errors';

type DeleteOptions = streams.DeleteReq.Options | streams.TombstoneReq.Options;
const RevisionCase = streams.DeleteReq.Options.ExpectedStreamRevisionCase;

/**
 * Streams/Delete and Streams/Tombstone (KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/Streams.Delete.cs):
 * a soft delete hides the stream until it is written again; a tombstone ends it for good. Both check
 * the expected revision first, as a write would.
 */
export function deleteHandler<
  Req extends streams.DeleteReq | streams.TombstoneReq,
  Resp extends streams.DeleteResp | streams.TombstoneResp,
>(node: NodeContext, hard: boolean, respond: () => Resp): handleUnaryCall<Req, Resp> {
  return (call, callback) => {
    try {
      node.assertServes(call, 'write');
      const options = call.request.getOptions() as DeleteOptions | undefined;
      if (options === undefined) throw invalidArgument('delete without options');
      const streamName = streamNameOf(options.getStreamIdentifier());
      node.assertAccess('write', streamName);
      const state = node.log.stream(streamName);
      if (state?.tombstoned) throw streamDeleted(streamName);
      const current = state === undefined || state.events.length === 0 ? -1n : BigInt(state.events.length - 1);
      const expected = expectedOf(options);
      const matches = expected === 'any' || (expected === 'stream_exists' ? current >= 0n : expected === current);
      if (!matches) throw wrongExpectedVersion(streamName, expected, current);
      if (hard) node.log.tombstone(streamName);
      else node.log.softDelete(streamName);
      const resp = respond();
      resp.setNoPosition(new shared.Empty());
      callback(null, resp);
    } catch (error) {
      callback(error as ServerErrorResponse);
    }
  };
}

function expectedOf(options: DeleteOptions): bigint | 'any' | 'stream_exists' {
  switch (options.getExpectedStreamRevisionCase() as number) {
    case RevisionCase.REVISION:
      return BigInt(options.getRevision());
    case RevisionCase.NO_STREAM:
      return -1n;
    case RevisionCase.STREAM_EXISTS:
      return 'stream_exists';
    default:
      return 'any';
  }
}

// RpcExceptions.WrongExpectedVersion: a delete's conflict is a gRPC error, unlike an append's.
function wrongExpectedVersion(streamName: string, expected: bigint | string, actual: bigint): ServerErrorResponse {
  const details = `Delete failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${String(expected)}, Actual version: ${actual}`;
  const metadata = new Metadata();
  metadata.set('exception', 'wrong-expected-version');
  metadata.set('stream-name', streamName);
  metadata.set('expected-version', typeof expected === 'bigint' ? expected.toString() : '-2');
  if (actual >= 0n) metadata.set('actual-version', actual.toString());
  return Object.assign(new Error(details), { code: status.FAILED_PRECONDITION, details, metadata });
}
