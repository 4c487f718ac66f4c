import type { EventStore, GlobalPosition } from '@keyward/event-store';
import type { Projection } from '../runner/projection';
import type { ProjectionRunnerLogger } from '../runner/projection-runner';
import type { ReadModelSnapshotStore } from './read-model-snapshot-store';

/**
 * Every projection's snapshot state by name, or undefined when one of them cannot be snapshotted
 * (then none is taken: restoring half the read models would leave the other half empty).
 */
export function stateOf(projections: readonly Projection[]): Record<string, unknown> | undefined {
  const states: Record<string, unknown> = {};
  for (const projection of projections) {
    const restart = projection.restart;
    if (!restart) return undefined;
    if (restart.kind === 'snapshot') states[projection.name] = restart.state();
  }
  return states;
}

/**
 * Restores the projections from the newest snapshot and returns its position (the subscription resumes
 * after it), or undefined to replay from the beginning. Stream-restored projections (signing keys) read
 * their stream up to the snapshot's position; the subscription brings the rest.
 */
export async function restoreFromSnapshot(
  store: EventStore,
  snapshots: ReadModelSnapshotStore,
  projections: readonly Projection[],
  logger: ProjectionRunnerLogger,
): Promise<GlobalPosition | undefined> {
  if (projections.some((projection) => !projection.restart)) return undefined;
  let snapshot;
  try {
    snapshot = await snapshots.load();
  } catch (error) {
    logger.error('read-model snapshot unreadable; replaying every event instead', error);
    return undefined;
  }
  if (!snapshot || projections.some((p) => p.restart!.kind === 'snapshot' && !(p.name in snapshot.states))) return undefined;
  for (const projection of projections) {
    const restart = projection.restart!;
    if (restart.kind === 'snapshot') restart.restore(snapshot.states[projection.name]);
    else for (const event of await store.readStream(restart.stream)) if (event.position <= snapshot.position) projection.apply(event);
  }
  logger.info?.(`read models restored from the snapshot at position ${snapshot.position}`);
  return snapshot.position;
}
