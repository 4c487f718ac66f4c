import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';

// EventStoreDB reports typed failures as gRPC errors whose trailers carry an `exception` key; the client
// turns that key (not the status code) into its error classes (convertToCommandError).
function typed(code: status, details: string, trailers: Record<string, string>): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const requiredMetadataPropertyMissing = (property: string): ServerErrorResponse =>
  typed(status.INVALID_ARGUMENT, `Required metadata property ${property} is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': property,
  });

export const maximumAppendSizeExceeded = (maxAppendSize: number): ServerErrorResponse =>
  typed(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const invalidArgument = (details: string): ServerErrorResponse => typed(status.INVALID_ARGUMENT, details, {});
