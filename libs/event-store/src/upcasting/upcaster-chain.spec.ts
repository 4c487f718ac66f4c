import type { RecordedEvent } from '../port/event-store.port';
import type { Upcaster } from './upcaster';
import { UpcasterChain } from './upcaster-chain';

const renamedField: Upcaster = {
  type: 'ClientSecretRotated',
  fromVersion: 1,
  upcast: (data) => {
    const { clientId, ...rest } = data as { clientId: string };
    return { ...rest, credentialId: clientId };
  },
};
const addedDefault: Upcaster = {
  type: 'ClientSecretRotated',
  fromVersion: 2,
  upcast: (data) => ({ ...(data as object), hashAlgorithm: 'hmac-sha256' }),
};

const stored = (data: unknown, metadata: Record<string, unknown>, type = 'ClientSecretRotated'): RecordedEvent => ({
  id: '4c3e7a4e-2f0b-4d52-9a43-0d2f1c2b9a11',
  type,
  data,
  metadata,
  streamName: 'service_account-1',
  revision: 0,
  position: 10n,
  recordedAt: new Date(0),
});

describe('UpcasterChain', () => {
  const chain = new UpcasterChain([addedDefault, renamedField]);

  it('runs every step from the stored version to the current one, in order', () => {
    const upcast = chain.upcast(stored({ clientId: 'c1', secretHash: 'h' }, { schemaVersion: 1, actor: 'admin' }));
    expect(upcast.data).toEqual({ credentialId: 'c1', secretHash: 'h', hashAlgorithm: 'hmac-sha256' });
    expect(upcast.metadata).toEqual({ schemaVersion: 3, actor: 'admin' });
  });

  it('reads an event without a schema version as version 1', () => {
    expect(chain.upcast(stored({ clientId: 'c1' }, {})).data).toEqual({ credentialId: 'c1', hashAlgorithm: 'hmac-sha256' });
  });

  it('leaves current events, newer events and other types untouched', () => {
    for (const event of [
      stored({ credentialId: 'c1' }, { schemaVersion: 3 }),
      stored({ fromTheFuture: true }, { schemaVersion: 4 }),
      stored({ clientId: 'c1' }, {}, 'ServiceAccountCreated'),
    ]) {
      expect(chain.upcast(event)).toBe(event);
    }
  });

  it('stamps the current version on appends of versioned types only, never over the writer', () => {
    const event = { id: 'x', type: 'ClientSecretRotated', data: {}, metadata: { actor: 'a' } };
    expect(chain.stamp(event).metadata).toEqual({ actor: 'a', schemaVersion: 3 });
    expect(chain.stamp({ ...event, metadata: { schemaVersion: 2 } }).metadata).toEqual({ schemaVersion: 2 });
    const other = { ...event, type: 'ServiceAccountCreated' };
    expect(chain.stamp(other)).toBe(other);
  });

  it('refuses a chain with a gap or two steps from one version', () => {
    expect(() => new UpcasterChain([addedDefault])).toThrow('no upcaster for ClientSecretRotated v1');
    expect(() => new UpcasterChain([renamedField, renamedField])).toThrow('two upcasters');
    expect(() => new UpcasterChain([{ ...renamedField, fromVersion: 0 }])).toThrow(RangeError);
  });

  it('refuses a schema version that is not a positive integer', () => {
    expect(() => chain.upcast(stored({}, { schemaVersion: '1' }))).toThrow(TypeError);
  });
});
