// The client's serializers check `instanceof` against its own generated classes, so the double must
// load exactly those modules (same resolved path) rather than compile its own copy of the protos.
export * as streams from '@eventstore/db-client/generated/streams_pb';
export * as shared from '@eventstore/db-client/generated/shared_pb';
export * as serverFeatures from '@eventstore/db-client/generated/serverfeatures_pb';
export * as gossip from '@eventstore/db-client/generated/gossip_pb';
export * as rpcStatus from '@eventstore/db-client/generated/status_pb';
export { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
export type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
export { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
export type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
export { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
