import type { EventStore, EventToAppend } from '@keyward/event-store';
import { randomUUID } from 'node:crypto';
import { currentSchemaVersion } from '@keyward/domain';

/** Looks like what the domain appends, digests included, so tests can check they never reach a record. */
export const SAMPLE_SECRET_DIGEST = 'hmac-sha256:5f2b0c1e9d8a7f6e5d4c3b2a19081726354f6e7d8c9b0a1f2e3d4c5b6a798812';

export function sampleEvent(organizationId: string, index: number): EventToAppend {
  const serviceAccountId = `sa-${organizationId}-${index}`;
  const metadata = {
    actor: 'cli:alice',
    organizationId,
    correlationId: randomUUID(),
    occurredAt: new Date(0).toISOString(),
    schemaVersion: 1,
  };
  if (index % 2 === 0) {
    return {
      id: randomUUID(),
      type: 'ServiceAccountCreated',
      data: { organizationId, serviceAccountId, name: `bot ${index}`, description: '', createdAt: '' },
      metadata,
    };
  }
  return {
    id: randomUUID(),
    type: 'OAuthClientCreated',
    data: {
      organizationId,
      serviceAccountId,
      credentialId: `cred-${index}`,
      name: 'ci',
      clientId: `kw_ci_${index}`,
      tokenEndpointAuthMethod: 'client_secret_basic',
      secretDigest: SAMPLE_SECRET_DIGEST,
      scopes: ['read'],
      createdAt: '',
    },
    metadata: { ...metadata, schemaVersion: currentSchemaVersion('OAuthClientCreated') },
  };
}

/** Appends `count` events spread over `organizations` orgs, `perAppend` at a time; returns their ids in order. */
export async function appendSampleEvents(
  store: EventStore,
  count: number,
  options: { organizations?: number; perAppend?: number } = {},
): Promise<string[]> {
  const organizations = options.organizations ?? 4;
  const perAppend = options.perAppend ?? 50;
  const ids: string[] = [];
  for (let start = 0; start < count; start += perAppend) {
    const organizationId = `org-${(start / perAppend) % organizations}`;
    const events = Array.from({ length: Math.min(perAppend, count - start) }, (_, i) => sampleEvent(organizationId, start + i));
    await store.append(`service_account-${organizationId}-${start}`, events);
    ids.push(...events.map((event) => event.id));
  }
  return ids;
}
