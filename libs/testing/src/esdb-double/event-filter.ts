import { streams } from './generated';
import type { StoredEvent } from './stored-event';

export type EventFilter = (event: StoredEvent) => boolean;

const FilterCase = streams.ReadReq.Options.FilterOptions.FilterCase;

/**
 * Server-side $all filter, as EventStoreDB's EventFilter: on the event type or the stream name, a regex
 * when one is given (even if prefixes are too), otherwise any of the prefixes.
 */
export function toEventFilter(options: streams.ReadReq.Options.FilterOptions): EventFilter {
  const filterCase = options.getFilterCase();
  const expression = filterCase === FilterCase.EVENT_TYPE ? options.getEventType() : options.getStreamIdentifier();
  if (expression === undefined) throw new Error('filter without an expression');
  const field = (event: StoredEvent): string => (filterCase === FilterCase.EVENT_TYPE ? event.type : event.streamName);
  const regex = expression.getRegex();
  if (regex !== '') {
    const compiled = new RegExp(regex);
    return (event) => compiled.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}

/** Server default when the filter gives no max search window (Enumerators.ReadBatchSize). */
const READ_BATCH_SIZE = 32;

/** Considered (not only matching) events between two checkpoint messages. */
export function checkpointInterval(options: streams.ReadReq.Options.FilterOptions): number {
  const window = options.hasMax() ? options.getMax() : READ_BATCH_SIZE;
  return options.getCheckpointintervalmultiplier() * window;
}
