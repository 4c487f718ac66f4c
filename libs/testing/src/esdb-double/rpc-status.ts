import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { BinaryWriter } from 'google-protobuf';
import { rpcStatus, shared } from './generated';

// google.rpc.Code values (code.proto).
const Code = { UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7 } as const;

function status(code: number, message: string, typeName: string, details: Uint8Array): rpcStatus.Status {
  const any = new Any();
  any.pack(details, typeName);
  return new rpcStatus.Status().setCode(code).setMessage(message).setDetails(any);
}

// The batch append answers failures as google.rpc.Status with packed details, one factory each as in
// KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/Status.cs.
export const BatchStatus = {
  wrongExpectedVersion(current: bigint | undefined, expected: { kind: string; revision?: bigint }): rpcStatus.Status {
    const details = new shared.WrongExpectedVersion();
    if (current === undefined) details.setCurrentNoStream(new shared.Empty());
    else details.setCurrentStreamRevision(current.toString(10));
    if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision!.toString(10));
    if (expected.kind === 'no_stream') details.setExpectedNoStream(new shared.Empty());
    if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new shared.Empty());
    if (expected.kind === 'any') details.setExpectedAny(new shared.Empty());
    return status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', 'event_store.client.WrongExpectedVersion', details.serializeBinary());
  },
  streamDeleted(identifier: shared.StreamIdentifier | undefined): rpcStatus.Status {
    const details = new shared.StreamDeleted().setStreamIdentifier(identifier);
    return status(Code.NOT_FOUND, 'StreamDeleted', 'event_store.client.StreamDeleted', details.serializeBinary());
  },
  accessDenied: (): rpcStatus.Status => status(Code.PERMISSION_DENIED, 'AccessDenied', 'event_store.client.AccessDenied', new Uint8Array()),
  timeout: (): rpcStatus.Status => status(Code.DEADLINE_EXCEEDED, 'Timeout', 'event_store.client.Timeout', new Uint8Array()),
  maximumAppendSizeExceeded(max: number): rpcStatus.Status {
    const details = new shared.MaximumAppendSizeExceeded().setMaxappendsize(max);
    return status(
      Code.INVALID_ARGUMENT,
      'MaximumAppendSizeExceeded',
      'event_store.client.MaximumAppendSizeExceeded',
      details.serializeBinary(),
    );
  },
  // The 6.2.1 client's protos predate this message: it is encoded by field number (shared.proto).
  maximumAppendEventSizeExceeded(eventId: string, size: number, max: number): rpcStatus.Status {
    const writer = new BinaryWriter();
    writer.writeString(1, eventId);
    writer.writeUint32(2, size);
    writer.writeUint32(3, max);
    return status(
      Code.INVALID_ARGUMENT,
      'MaximumAppendEventSizeExceeded',
      'event_store.client.MaximumAppendEventSizeExceeded',
      writer.getResultBuffer(),
    );
  },
  badRequest(message: string): rpcStatus.Status {
    const details = new shared.BadRequest().setMessage(message);
    return status(Code.INVALID_ARGUMENT, 'BadRequest', 'event_store.client.BadRequest', details.serializeBinary());
  },
  /** ClientMessage.NotHandled (not ready, too busy, no leader info): an Empty detail and no code. */
  notHandled: (message: string): rpcStatus.Status => status(0, message, 'google.protobuf.Empty', new Uint8Array()),
};
