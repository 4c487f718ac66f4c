import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';

// EventStoreDB reports typed failures as gRPC errors whose trailers carry an `exception` key; the client
// turns that key (not the status code) into its error classes (convertToCommandError). Each factory is
// the one of the same name in KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/RpcExceptions.cs.
function typed(code: status, details: string, trailers: Record<string, string> = {}): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const requiredMetadataPropertyMissing = (property: string): ServerErrorResponse =>
  typed(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const maximumAppendSizeExceeded = (maxAppendSize: number): ServerErrorResponse =>
  typed(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const maximumAppendEventSizeExceeded = (eventId: string, size: number, max: number): ServerErrorResponse =>
  typed(status.INVALID_ARGUMENT, `Event with Id: ${eventId}, Size: ${size}, exceeds Maximum Append Event Size of ${max}.`, {
    exception: 'maximum-append-event-size-exceeded',
    'maximum-append-event-size': String(max),
    'event-id': eventId,
    'proposed-append-event-size': String(size),
  });

export const invalidArgument = (details: string): ServerErrorResponse => typed(status.INVALID_ARGUMENT, details);

export const serverNotReady = (): ServerErrorResponse => typed(status.UNAVAILABLE, 'Server Is Not Ready');

export const noLeaderInfo = (): ServerErrorResponse => typed(status.UNKNOWN, 'No leader info available in response');

export const leaderInfo = (host: string, port: number): ServerErrorResponse =>
  typed(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': host,
    'leader-endpoint-port': String(port),
  });

export const accessDenied = (): ServerErrorResponse => typed(status.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });

export const streamDeleted = (streamName: string): ServerErrorResponse =>
  typed(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, { exception: 'stream-deleted', 'stream-name': streamName });

export const timeout = (message: string): ServerErrorResponse => typed(status.ABORTED, `Operation timed out: ${message}`);

/** A subscription's catch-up from inside a record (RpcExceptions.InvalidPositionException). */
export const invalidPosition = (): ServerErrorResponse => typed(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

/** A one-off read's result the gRPC layer has no mapping for (RpcExceptions.UnknownError): InvalidPosition among them. */
export const unexpectedReadAllResult = (result: string): ServerErrorResponse =>
  typed(status.UNKNOWN, `Unexpected ReadAllResult: ${result}`);
