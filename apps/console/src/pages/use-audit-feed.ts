import { useCallback, useEffect, useRef, useState } from 'react';
import { adminApi } from '../api/console-api';
import type { AuditPage, AuditRecord } from '../api/types';

export const AUDIT_PAGE_SIZE = 25;
/** How often the open page asks for newer events. */
const LIVE_INTERVAL_MS = 3000;

export interface AuditFilters {
  readonly serviceAccountId: string;
  readonly type: string;
}

const pathOf = (filters: AuditFilters, before?: string) => {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (filters.serviceAccountId) query.set('serviceAccountId', filters.serviceAccountId);
  if (filters.type) query.set('type', filters.type);
  if (before) query.set('before', before);
  return `/audit-events?${query}`;
};

/** Newest first, older pages on demand, and new events prepended while the page is open. */
export function useAuditFeed(filters: AuditFilters) {
  const [items, setItems] = useState<readonly AuditRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [arrived, setArrived] = useState(0);
  // A reply for filters no longer shown is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setItems([]);
    setArrived(0);
    adminApi.get<AuditPage>(pathOf(filters)).then(
      (page) => mine === generation.current && (setItems(page.items), setNext(page.next), setError(undefined)),
      (caught) => mine === generation.current && setError(caught),
    );
    const timer = setInterval(() => {
      adminApi.get<AuditPage>(pathOf(filters)).then(
        (page) => {
          if (mine !== generation.current) return;
          setItems((shown) => {
            const known = new Set(shown.map((item) => item.id));
            const fresh = page.items.filter((item) => !known.has(item.id));
            if (fresh.length > 0) setArrived(fresh.length);
            return fresh.length > 0 ? [...fresh, ...shown] : shown;
          });
        },
        () => undefined,
      );
    }, LIVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [filters]);

  const loadOlder = useCallback(async () => {
    if (!next) return;
    const mine = generation.current;
    try {
      const page = await adminApi.get<AuditPage>(pathOf(filters, next));
      if (mine !== generation.current) return;
      setItems((shown) => [...shown, ...page.items.filter((item) => !shown.some((old) => old.id === item.id))]);
      setNext(page.next);
    } catch (caught) {
      setError(caught);
    }
  }, [filters, next]);

  return { items, next, error, arrived, loadOlder };
}
