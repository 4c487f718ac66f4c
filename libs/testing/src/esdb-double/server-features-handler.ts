import type { handleUnaryCall } from '@grpc/grpc-js';
import { serverFeatures, type shared } from './generated';

/** A version from the 23.10 line: the client only uses it for feature checks, which the list below answers. */
const SERVER_VERSION = '23.10.0';

// Advertise only what the double serves. Leaving out Streams/BatchAppend makes the client append through
// Streams/Append, exactly as it does against a server that lacks batch append.
const METHODS: readonly [service: string, method: string][] = [
  ['event_store.client.streams.streams', 'read'],
  ['event_store.client.streams.streams', 'append'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
];

export const getSupportedMethodsHandler: handleUnaryCall<shared.Empty, serverFeatures.SupportedMethods> = (_call, callback) => {
  const methods = METHODS.map(([service, method]) => new serverFeatures.SupportedMethod().setServiceName(service).setMethodName(method));
  callback(null, new serverFeatures.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
};
