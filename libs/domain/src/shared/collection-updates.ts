/** How a transition changes a map: by copy (evolve, one event) or in place on a map one fold owns. */
export type MapUpdate = <K, V>(map: ReadonlyMap<K, V>, update: (draft: Map<K, V>) => void) => ReadonlyMap<K, V>;

/** evolve's way: the state it was given stays as it was, so every map it changes is a new one. */
export const copying: MapUpdate = (map, update) => {
  const draft = new Map(map);
  update(draft);
  return draft;
};

/**
 * A fold's way: each map is copied once, when the fold first touches it, then updated in place. The
 * maps it made belong to this fold alone until it hands out the state (no intermediate state escapes a
 * fold), so a stream of n events costs O(n), not the O(n²) of copying a growing map per event.
 */
export function owningUpdates(): MapUpdate {
  const owned = new WeakSet<object>();
  return (map, update) => {
    let draft = map as Map<never, never>;
    if (!owned.has(map)) {
      draft = new Map(map) as Map<never, never>;
      owned.add(draft);
    }
    update(draft);
    return draft;
  };
}
