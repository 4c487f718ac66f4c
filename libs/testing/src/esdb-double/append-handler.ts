import type { handleClientStreamingCall } from '@grpc/grpc-js';
import type { ExpectedVersion } from './expected-version';
import { shared, streams } from './generated';
import type { NodeContext } from './node-context';
import { streamNameOf } from './reads';
import { invalidArgument, maximumAppendEventSizeExceeded, maximumAppendSizeExceeded, streamDeleted, timeout } from './rpc-errors';
import type { ProposedEvent } from './stored-event';
import { checkSizes, commitWrite, toProposedEvent, type WriteResult } from './write-request';

const RevisionCase = streams.AppendReq.Options.ExpectedStreamRevisionCase;

/**
 * Streams/Append (KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/Streams.Append.cs): a client
 * stream of one options message then one proposed message per event. The write happens once the client
 * half-closes; a revision conflict is an answer, not a gRPC error. The client only uses it when the
 * server does not advertise BatchAppend, or when a call carries its own credentials.
 */
export function appendHandler(node: NodeContext): handleClientStreamingCall<streams.AppendReq, streams.AppendResp> {
  return (call, callback) => {
    let options: streams.AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      callback(error as Parameters<typeof callback>[0]);
    };
    const cancelled = new Promise<void>((resolve) => call.once('cancelled', resolve));
    call.on('data', (request: streams.AppendReq) => {
      if (failed) return;
      try {
        if (options === undefined) {
          if (!request.hasOptions()) throw invalidArgument('the first append message must be the options');
          node.assertServes(call, 'write');
          options = request.getOptions()!;
          node.assertAccess('write', streamNameOf(options.getStreamIdentifier()));
          return;
        }
        if (!request.hasProposedMessage()) throw invalidArgument('expected a proposed message');
        proposed.push(toProposedEvent(request.getProposedMessage()!));
        const sizes = checkSizes(node, proposed);
        if (!sizes.ok) {
          throw sizes.event === undefined
            ? maximumAppendSizeExceeded(node.limits.maxAppendSize)
            : maximumAppendEventSizeExceeded(sizes.event.id, sizes.event.size, node.limits.maxAppendEventSize);
        }
      } catch (error) {
        fail(error);
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (options === undefined) return fail(invalidArgument('append without options'));
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedVersion(options);
      commitWrite(node, streamName, expected, proposed, node.limits.writeTimeoutMs, cancelled).then((result) => {
        if (result.kind === 'timeout') return fail(timeout('CommitTimeout'));
        if (result.kind === 'stream_deleted') return fail(streamDeleted(streamName));
        callback(null, toAppendResp(result, expected));
      }, fail);
    });
  };
}

function expectedVersion(options: streams.AppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamRevisionCase()) {
    case RevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case RevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case RevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case RevisionCase.ANY:
      return { kind: 'any' };
    default:
      throw invalidArgument('append without an expected stream revision');
  }
}

function toAppendResp(
  outcome: Exclude<WriteResult, { kind: 'timeout' | 'stream_deleted' }>,
  expected: ExpectedVersion,
): streams.AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new streams.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString(10));
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString(10));
    if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
    if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
    if (expected.kind === 'any') wrong.setExpectedAny(new shared.Empty());
    return new streams.AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new streams.AppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream(new shared.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString(10));
  // The last event's position; an idempotent retry answers with the original one. Only an empty append has none.
  const position = outcome.kind === 'success' ? outcome.written.at(-1)?.position : outcome.position;
  if (position === undefined) success.setNoPosition(new shared.Empty());
  else
    success.setPosition(
      new streams.AppendResp.Position().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)),
    );
  return new streams.AppendResp().setSuccess(success);
}

export { expectedVersion as appendExpectedVersion };
