import { useCallback, useEffect, useState } from 'react';

/** Loads one admin API resource; reload() after a change (the API answers read-your-writes). */
export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  // The caller names what `load` depends on (as with useEffect), so `load` itself is not a dependency.
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
