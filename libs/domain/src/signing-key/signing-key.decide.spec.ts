import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { signingKeysDecider } from './signing-key.decide';
import { SigningKeyRotationPending } from './signing-key.errors';
import type { SigningKeyEvent, SigningKeyMaterial } from './signing-key.events';
import { isSigningKeyRotationDue } from './signing-key.state';

const spec = deciderSpec(signingKeysDecider);
const t0 = new Date('2026-11-01T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const material = (kid: string, alg: SigningKeyMaterial['alg'] = 'ES256'): SigningKeyMaterial => ({
  kid,
  alg,
  publicJwk: { kid },
  encryptedPrivateKey: `sealed-${kid}`,
});
const created = (
  kid: string,
  when: Date,
  activateAfter: Date,
  reason: 'initial' | 'scheduled' | 'on_demand' = 'initial',
): SigningKeyEvent => ({
  type: 'SigningKeyCreated',
  data: { ...material(kid), createdAt: when.toISOString(), activateAfter: activateAfter.toISOString(), reason },
});
const activated = (kid: string, when: Date, previousKid?: string): SigningKeyEvent => ({
  type: 'SigningKeyActivated',
  data: { kid, activatedAt: when.toISOString(), ...(previousKid ? { previousKid } : {}) },
});
// 24 h (the longest token) + 5 min of clock skew after retirement.
const retired = (kid: string, when: Date): SigningKeyEvent => ({
  type: 'SigningKeyRetired',
  data: { kid, retiredAt: when.toISOString(), removeAfter: at((when.getTime() - t0.getTime()) / 60_000 + 24 * 60 + 5).toISOString() },
});
const firstKey = [created('k1', t0, t0), activated('k1', t0)];

describe('signing keys decider (publish before sign)', () => {
  it('activates the very first key at once: no token exists that a cache could miss', () =>
    spec
      .given([])
      .when({ type: 'CreateSigningKey', key: material('k1'), reason: 'initial', propagationSeconds: 600, now: t0 })
      .then(firstKey));

  it('publishes a rotated key first and lets the old one sign during the propagation delay', () =>
    spec
      .given(firstKey)
      .when({ type: 'CreateSigningKey', key: material('k2'), reason: 'on_demand', propagationSeconds: 600, now: at(60) })
      .then([created('k2', at(60), at(70), 'on_demand')]));

  it('activates the successor once the delay is over and retires the old key for the longest token lifetime', () => {
    const rotation = [...firstKey, created('k2', at(60), at(70), 'scheduled')];
    spec
      .given(rotation)
      .when({ type: 'ActivateDueSigningKey', now: at(69) })
      .then([]);
    spec
      .given(rotation)
      .when({ type: 'ActivateDueSigningKey', now: at(70) })
      .then([activated('k2', at(70), 'k1'), retired('k1', at(70))]);
  });

  it('with no propagation delay, creates, activates and retires in one go', () =>
    spec
      .given(firstKey)
      .when({ type: 'CreateSigningKey', key: material('k2'), reason: 'on_demand', propagationSeconds: 0, now: at(60) })
      .then([created('k2', at(60), at(60), 'on_demand'), activated('k2', at(60), 'k1'), retired('k1', at(60))]));

  it('refuses a second rotation while a successor waits, and a bad delay', () => {
    spec
      .given([...firstKey, created('k2', at(60), at(70))])
      .when({ type: 'CreateSigningKey', key: material('k3'), reason: 'on_demand', propagationSeconds: 600, now: at(61) })
      .thenThrows(SigningKeyRotationPending, /k2/);
    spec
      .given(firstKey)
      .when({ type: 'CreateSigningKey', key: material('k2'), reason: 'on_demand', propagationSeconds: -1, now: at(61) })
      .thenThrows(InvalidInput, /propagationSeconds/);
  });

  it('has nothing to activate without a pending key', () =>
    spec
      .given(firstKey)
      .when({ type: 'ActivateDueSigningKey', now: at(100) })
      .then([]));

  it('says a scheduled rotation is due after the rotation period, unless a successor already waits', () => {
    const state = firstKey.reduce(signingKeysDecider.evolve, signingKeysDecider.initialState);
    expect(isSigningKeyRotationDue(state, 30, at(30 * 24 * 60 - 1))).toBe(false);
    expect(isSigningKeyRotationDue(state, 30, at(30 * 24 * 60))).toBe(true);
    const waiting = signingKeysDecider.evolve(state, created('k2', at(60), at(70)));
    expect(isSigningKeyRotationDue(waiting, 30, at(40 * 24 * 60))).toBe(false);
  });
});

describe('RevokeSigningKey', () => {
  const material = (kid: string) => ({ kid, alg: 'ES256' as const, publicJwk: { kty: 'EC' }, encryptedPrivateKey: 'sealed' });
  const now = new Date('2026-03-01T00:00:00Z');
  const live = [
    { type: 'SigningKeyCreated' as const, data: { ...material('old'), createdAt: '2026-01-01T00:00:00.000Z' } },
    { type: 'SigningKeyActivated' as const, data: { kid: 'old', activatedAt: '2026-01-01T00:00:00.000Z' } },
  ];
  const state = live.reduce(signingKeysDecider.evolve, signingKeysDecider.initialState);

  it('replaces the active key at once, then revokes it', () => {
    const events = signingKeysDecider.decide({ type: 'RevokeSigningKey', kid: 'old', replacement: material('new'), now }, state);
    expect(events.map((e) => e.type)).toEqual(['SigningKeyCreated', 'SigningKeyActivated', 'SigningKeyRevoked']);
    const after = events.reduce(signingKeysDecider.evolve, state);
    expect(after.activeKid).toBe('new');
    expect(after.keys.get('old')?.status).toBe('revoked');
    expect(signingKeysDecider.decide({ type: 'RevokeSigningKey', kid: 'old', now }, after)).toEqual([]);
  });

  it('refuses an unknown kid, and the active key without a replacement', () => {
    expect(() => signingKeysDecider.decide({ type: 'RevokeSigningKey', kid: 'nope', now }, state)).toThrow(/no signing key nope/);
    expect(() => signingKeysDecider.decide({ type: 'RevokeSigningKey', kid: 'old', now }, state)).toThrow(/replacement/);
  });
});
