import type { SnapshotRestart } from '../runner/projection';

type Maps = Readonly<Record<string, Map<unknown, unknown>>>;

/**
 * The snapshot restart of a projection whose state is a few Maps: the snapshot holds them as they are
 * (V8 serialization keeps entries shared between them shared), restore refills them in place.
 * List every Map the projection holds: the snapshot-equals-replay spec fails on one left out. What is
 * derived from them (a cache) stays out, and onRestored drops it.
 */
export function mapsRestart(maps: Maps, onRestored: () => void = () => undefined): SnapshotRestart {
  return {
    kind: 'snapshot',
    state: () => maps,
    restore: (state) => {
      const restored = state as Maps;
      for (const [name, map] of Object.entries(maps)) {
        map.clear();
        for (const [key, value] of restored[name] ?? []) map.set(key, value);
      }
      onRestored();
    },
  };
}
