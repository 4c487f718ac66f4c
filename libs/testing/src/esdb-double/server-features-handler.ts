import type { handleUnaryCall } from '@grpc/grpc-js';
import { serverFeatures, type shared } from './generated';

/** The version line whose source the double follows. */
const SERVER_VERSION = '26.1.0';

// What every real server advertises (KurrentDB src/KurrentDB.Core/Services/Transport/Grpc/ServerFeatures.cs
// lists the gRPC methods it maps). With BatchAppend listed, the 6.x client sends every append, and
// setStreamMetadata, through Streams/BatchAppend; Streams/Append is used only for calls with their own credentials.
const METHODS: readonly [service: string, method: string, features?: string[]][] = [
  ['event_store.client.streams.streams', 'read', ['all', 'position', 'events', 'stream']],
  ['event_store.client.streams.streams', 'append'],
  ['event_store.client.streams.streams', 'batchappend'],
  ['event_store.client.streams.streams', 'delete'],
  ['event_store.client.streams.streams', 'tombstone'],
  ['event_store.client.gossip.gossip', 'read'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
];

export const getSupportedMethodsHandler: handleUnaryCall<shared.Empty, serverFeatures.SupportedMethods> = (_call, callback) => {
  const methods = METHODS.map(([service, method, features]) =>
    new serverFeatures.SupportedMethod()
      .setServiceName(service)
      .setMethodName(method)
      .setFeaturesList(features ?? []),
  );
  callback(null, new serverFeatures.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
};
