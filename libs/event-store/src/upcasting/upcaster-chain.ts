import type { EventToAppend, RecordedEvent } from '../port/event-store.port';
import { SCHEMA_VERSION, type Upcaster } from './upcaster';

/**
 * All upcasters of a process, by event type. The current version of a type is one past its newest
 * upcaster (1 when it has none); every version from 1 up must have its step, so old events always arrive.
 */
export class UpcasterChain {
  private readonly steps = new Map<string, Map<number, Upcaster>>();
  /** Each versioned type's current version, worked out once: every append and every delivery asks. */
  private readonly currentVersions = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
        throw new RangeError(`upcaster for ${upcaster.type}: fromVersion must be an integer >= 1`);
      }
      const byVersion = this.steps.get(upcaster.type) ?? new Map<number, Upcaster>();
      if (byVersion.has(upcaster.fromVersion)) throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
      this.steps.set(upcaster.type, byVersion.set(upcaster.fromVersion, upcaster));
    }
    for (const [type, byVersion] of this.steps) {
      this.currentVersions.set(type, Math.max(...byVersion.keys()) + 1);
      for (let version = 1; version < this.currentVersion(type); version++) {
        if (!byVersion.has(version)) throw new Error(`no upcaster for ${type} v${version}: its events could not be read`);
      }
    }
  }

  currentVersion(type: string): number {
    return this.currentVersions.get(type) ?? 1;
  }

  /** Records the current version on events of versioned types, unless the writer set one. */
  stamp(event: EventToAppend): EventToAppend {
    if (!this.steps.has(event.type) || SCHEMA_VERSION in event.metadata) return event;
    return { ...event, metadata: { ...event.metadata, [SCHEMA_VERSION]: this.currentVersion(event.type) } };
  }

  /**
   * Brings an event to its type's current version. An event newer than this process knows (written by a
   * newer release during a rolling deploy) is passed on unchanged: there is no downcasting.
   */
  upcast(event: RecordedEvent): RecordedEvent {
    const byVersion = this.steps.get(event.type);
    if (byVersion === undefined) return event;
    const stored = event.metadata[SCHEMA_VERSION] ?? 1;
    if (typeof stored !== 'number' || !Number.isSafeInteger(stored) || stored < 1) {
      throw new TypeError(`event ${event.id}: ${SCHEMA_VERSION} must be an integer >= 1, got ${JSON.stringify(stored)}`);
    }
    const current = this.currentVersion(event.type);
    if (stored >= current) return event;
    let data = event.data;
    for (let version = stored; version < current; version++) data = byVersion.get(version)!.upcast(data, event.metadata);
    return { ...event, data, metadata: { ...event.metadata, [SCHEMA_VERSION]: current } };
  }
}
