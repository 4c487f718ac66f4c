const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * SIGINT or SIGTERM aborts the returned signal, so the tail leaves its consumer group cleanly (its
 * partitions go to the group's other members at once, not after a session timeout). A second signal
 * while stopping exits at once.
 */
export function stopOnSignals(): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([name, code]) => {
    const handler = () => (controller.signal.aborted ? process.exit(code) : controller.abort());
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => handlers.forEach(([name, handler]) => process.off(name, handler)),
  };
}
