import { Logger } from '@nestjs/common';
import type { GlobalPosition } from '@keyward/event-store';
import type { ProjectionRunner } from '@keyward/projections';

const EVERY_MS = 5000;

/**
 * While the read models replay at start, logs every few seconds how far they are: events applied,
 * events per second since the last line, position against the store head seen at start, so an operator
 * watching a long start sees it move. Positions are shown, never computed with.
 */
export async function replayWithProgress(
  runner: ProjectionRunner,
  head: GlobalPosition | undefined,
  logger = new Logger('Replay'),
): Promise<void> {
  const startedAt = performance.now();
  logger.log({ msg: 'replaying read models', head: head?.toString() ?? 'empty store' });
  let last = { at: startedAt, applied: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const applied = runner.appliedEvents;
    const eventsPerSecond = Math.round(((applied - last.applied) * 1000) / (now - last.at));
    last = { at: now, applied };
    logger.log({
      msg: 'replay progress',
      eventsApplied: applied,
      eventsPerSecond,
      position: runner.appliedPosition?.toString() ?? 'none',
      head: head?.toString() ?? 'empty store',
    });
  }, EVERY_MS);
  timer.unref();
  try {
    await runner.start();
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  logger.log({
    msg: 'read models caught up',
    eventsApplied: runner.appliedEvents,
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(runner.appliedEvents / Math.max(seconds, 0.001)),
  });
}
