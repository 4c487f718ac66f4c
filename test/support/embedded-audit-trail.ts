import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteEventStore, type RecordedEvent } from '@keyward/event-store';

/**
 * What a stopped server left in its DATA_DIR: the store's events (the relay's own checkpoints aside)
 * and the records the embedded sink wrote to audit.jsonl, for "every event reached the trail" checks.
 */
export async function storedEventsAndAuditRecords(
  dataDir: string,
): Promise<{ readonly events: RecordedEvent[]; readonly records: { readonly id: string; readonly type: string }[] }> {
  const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  const events = (await store.readAll()).filter((event) => !event.streamName.startsWith('checkpoint_'));
  await store.close();
  const records = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; type: string });
  return { events, records };
}
