import type { AppendOutcome } from './event-log';
import type { ExpectedVersion } from './expected-version';
import type { NodeContext } from './node-context';
import { invalidArgument, requiredMetadataPropertyMissing } from './rpc-errors';
import { sizeOnDisk, type ProposedEvent } from './stored-event';
import { assertMetadataEvents, isMetastream } from './stream-metadata';
import { parseUuid } from './uuid';
import type { shared } from './generated';

export type WriteResult = AppendOutcome | { readonly kind: 'timeout' };

/** A proposed message of Append or BatchAppend, checked as MetadataHelpers.ParseGrpcMetadata does. */
export function toProposedEvent(message: {
  getMetadataMap(): { get(key: string): string | undefined };
  getId(): shared.UUID | undefined;
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): ProposedEvent {
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

/** Sizes as the gRPC layer counts them (Event.SizeOnDisk), before the write is published. */
export type SizeCheck = { readonly ok: true } | { readonly ok: false; readonly event?: { id: string; size: number } };

export function checkSizes(node: NodeContext, events: readonly ProposedEvent[]): SizeCheck {
  let total = 0;
  for (const event of events) {
    const size = sizeOnDisk(event);
    if (size > node.limits.maxAppendEventSize) return { ok: false, event: { id: event.id, size } };
    total += size;
  }
  return total > node.limits.maxAppendSize ? { ok: false } : { ok: true };
}

/**
 * The write as the storage writer commits it, after the gRPC layer's checks. A node whose writes stall
 * (no quorum acknowledges the commit) answers CommitTimeout once the write timeout passes.
 */
export async function commitWrite(
  node: NodeContext,
  streamName: string,
  expected: ExpectedVersion,
  proposed: readonly ProposedEvent[],
  timeoutMs: number,
  cancelled: Promise<void>,
): Promise<WriteResult> {
  if (streamName === '') throw invalidArgument('stream name is empty');
  if (isMetastream(streamName)) assertMetadataEvents(streamName, proposed);
  if (node.writesStall) {
    await Promise.race([new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()), cancelled]);
    return { kind: 'timeout' };
  }
  return node.log.append(streamName, expected, proposed);
}
