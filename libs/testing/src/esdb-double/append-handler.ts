import type { handleClientStreamingCall } from '@grpc/grpc-js';
import type { EventLog } from './event-log';
import type { ExpectedVersion } from './expected-version';
import { shared, streams } from './generated';
import { invalidArgument, maximumAppendSizeExceeded, requiredMetadataPropertyMissing } from './rpc-errors';
import type { ProposedEvent } from './stored-event';
import { assertMetadataEvents, isMetastream } from './stream-metadata';
import { parseUuid } from './uuid';

/** EventStoreDB's default MaxAppendSize: the sum of the event payloads of one append. */
const MAX_APPEND_SIZE = 1024 * 1024;

const RevisionCase = streams.AppendReq.Options.ExpectedStreamRevisionCase;

/**
 * Streams/Append: a client stream of one options message then one proposed message per event. The write
 * happens once the client half-closes; a revision conflict is an answer, not a gRPC error.
 */
export function appendHandler(log: EventLog, now: () => Date): handleClientStreamingCall<streams.AppendReq, streams.AppendResp> {
  return (call, callback) => {
    let options: streams.AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failed = false;
    const fail = (error: Parameters<typeof callback>[0]): void => {
      if (failed) return;
      failed = true;
      callback(error);
    };
    call.on('data', (request: streams.AppendReq) => {
      if (failed) return;
      try {
        if (options === undefined) {
          if (!request.hasOptions()) throw invalidArgument('the first append message must be the options');
          options = request.getOptions()!;
          return;
        }
        if (!request.hasProposedMessage()) throw invalidArgument('expected a proposed message');
        proposed.push(toProposedEvent(request.getProposedMessage()!));
        const size = proposed.reduce((sum, event) => sum + event.data.length, 0);
        if (size > MAX_APPEND_SIZE) throw maximumAppendSizeExceeded(MAX_APPEND_SIZE);
      } catch (error) {
        fail(error as Parameters<typeof callback>[0]);
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (options === undefined) return fail(invalidArgument('append without options'));
      const streamName = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
      if (streamName === '') return fail(invalidArgument('stream name is empty'));
      if (isMetastream(streamName)) {
        try {
          assertMetadataEvents(streamName, proposed);
        } catch (error) {
          return fail(error as Parameters<typeof callback>[0]);
        }
      }
      const expected = expectedVersion(options);
      const outcome = log.append(streamName, expected, proposed, now());
      callback(null, toAppendResp(outcome, expected));
    });
  };
}

function toProposedEvent(message: streams.AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined) throw requiredMetadataPropertyMissing('type');
  const contentType = metadata.get('content-type');
  if (contentType === undefined) throw requiredMetadataPropertyMissing('content-type');
  let id: string;
  try {
    id = parseUuid(message.getId());
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
  return { id, type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() };
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

function toAppendResp(outcome: ReturnType<EventLog['append']>, expected: ExpectedVersion): streams.AppendResp {
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
  // The position of the last event written. An idempotent retry or an empty append writes nothing, and
  // EventStoreDB then answers without a position; the double does too, so clients cannot rely on one.
  const last = outcome.kind === 'success' ? outcome.written.at(-1) : undefined;
  if (last === undefined) success.setNoPosition(new shared.Empty());
  else {
    const position = last.position.toString(10);
    success.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new streams.AppendResp().setSuccess(success);
}
