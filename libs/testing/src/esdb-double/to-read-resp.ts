import { shared, streams } from './generated';
import type { StoredEvent } from './stored-event';
import { toGrpcUuid } from './uuid';

export function eventResp(event: StoredEvent, structuredIds: boolean): streams.ReadResp {
  const position = event.position.toString(10);
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(toGrpcUuid(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString(10))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created.toString(10));
  return new streams.ReadResp().setEvent(new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
}

export function streamIdentifier(streamName: string): shared.StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

export const streamNotFoundResp = (streamName: string): streams.ReadResp =>
  new streams.ReadResp().setStreamNotFound(new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)));

export const confirmationResp = (subscriptionId: string): streams.ReadResp =>
  new streams.ReadResp().setConfirmation(new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export const caughtUpResp = (): streams.ReadResp => new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp());

export const checkpointResp = (position: bigint): streams.ReadResp =>
  new streams.ReadResp().setCheckpoint(
    new streams.ReadResp.Checkpoint().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)),
  );

export const fellBehindResp = (): streams.ReadResp => new streams.ReadResp().setFellBehind(new streams.ReadResp.FellBehind());
