import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { adminApi } from '../api/console-api';
import type { ServiceAccountListItem } from '../api/types';
import { ChoiceSelect } from '../components/choice-select';
import { ErrorMessage } from '../components/error-message';
import { eventTypeLabel, formatTime } from '../components/format';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';
import { AUDIT_EVENT_TYPES } from './audit-event-types';
import { useAuditFeed, type AuditFilters } from './use-audit-feed';

export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({ serviceAccountId: '', type: '' });
  const accounts = useApiData(() => adminApi.get<{ items: ServiceAccountListItem[] }>('/service-accounts'), []);
  const feed = useAuditFeed(filters);
  const names = useMemo(() => new Map((accounts.data?.items ?? []).map((account) => [account.id, account.name])), [accounts.data]);
  const nameOf = (id?: string) => (id ? (names.get(id) ?? id) : '');
  const actorOf = (actor?: string) =>
    actor?.startsWith('service_account:') ? nameOf(actor.slice('service_account:'.length)) : (actor ?? '');
  return (
    <>
      <PageHeading title="Audit log">Audit log</PageHeading>
      <p className="lead">
        Every change and every token request of this organization, newest first. New events appear while this page is open.
      </p>
      <div className="filters" role="group" aria-label="Filters">
        <ChoiceSelect
          label="Service account"
          value={filters.serviceAccountId || 'all'}
          options={[
            { id: 'all', label: 'All service accounts' },
            ...(accounts.data?.items ?? []).map((account) => ({ id: account.id, label: account.name })),
          ]}
          onChange={(id) => setFilters((current) => ({ ...current, serviceAccountId: id === 'all' ? '' : id }))}
        />
        <ChoiceSelect
          label="Event type"
          value={filters.type || 'all'}
          options={[
            { id: 'all', label: 'All event types' },
            ...AUDIT_EVENT_TYPES.map((type) => ({ id: type, label: eventTypeLabel(type) })),
          ]}
          onChange={(type) => setFilters((current) => ({ ...current, type: type === 'all' ? '' : type }))}
        />
      </div>
      <p role="status" aria-live="polite" className="muted">
        {feed.arrived > 0 ? `${feed.arrived} new ${feed.arrived === 1 ? 'event' : 'events'}` : ''}
      </p>
      <ErrorMessage error={feed.error} />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Service account</th>
              <th scope="col">Actor</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {feed.items.length === 0 && (
              <tr>
                <td colSpan={5}>No events.</td>
              </tr>
            )}
            {feed.items.map((record) => (
              <tr key={record.id}>
                <td>
                  <time dateTime={record.time}>{formatTime(record.time)}</time>
                </td>
                <th scope="row">{eventTypeLabel(record.type)}</th>
                <td>{nameOf(record.data.serviceAccountId)}</td>
                <td>{actorOf(record.data.actor)}</td>
                <td>{record.data.outcome ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {feed.next && (
        <Button className="button" onPress={() => void feed.loadOlder()}>
          Load older events
        </Button>
      )}
    </>
  );
}
