import type { ProposedEvent } from './stored-event';

/**
 * A fresh node's first records (KurrentDB src/KurrentDB.Core/Services/Storage/EpochManager/EpochManager.cs
 * writes the epoch; SystemStreams.cs names the streams): the epoch record, which no $all read returns,
 * then `$`-stream events that $all reads do return, so readers must filter system events as on a real node.
 */
export function systemEventsAtStartup(): { streamName: string; event: ProposedEvent }[] {
  return [systemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 }), systemEvent('$users', '$User', { loginName: 'admin' })];
}

systemEventsAtStartup.scavengeCompleted = (removed: number): ProposedEvent =>
  systemEvent('$scavenges', '$scavengeCompleted', { result: 'Success', spaceSaved: removed }).event;

export const EPOCHS_STREAM = '$epochs';

export const epochInformation = (epochNumber: number): ProposedEvent =>
  systemEvent(EPOCHS_STREAM, '$epoch-information', { epochNumber }).event;

/** EpochRecord: a SystemLogRecord holding the epoch number, position and leader id (fixed size). */
export const epochRecord = (): { size: bigint } => ({ size: 128n });

function systemEvent(streamName: string, type: string, data: unknown): { streamName: string; event: ProposedEvent } {
  return {
    streamName,
    event: {
      id: crypto.randomUUID(),
      type,
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify(data)),
      customMetadata: new Uint8Array(),
    },
  };
}
