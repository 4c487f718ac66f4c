import type { ProposedEvent } from './stored-event';

/**
 * A fresh EventStoreDB node writes records of its own before any client event ($-prefixed streams and
 * types). The double seeds a few alike so that $all readers must filter system events as on a real node.
 */
export function systemEventsAtStartup(): { streamName: string; event: ProposedEvent }[] {
  return [
    systemEvent('$epochs', '$epoch-information', { epochNumber: 0 }),
    systemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 }),
    systemEvent('$users', '$User', { loginName: 'admin' }),
  ];
}

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
