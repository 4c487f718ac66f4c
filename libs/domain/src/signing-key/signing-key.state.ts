import { unreachable } from '../shared/decider';
import type { SigningAlgorithm, SigningKeyEvent } from './signing-key.events';

export type SigningKeyStatus = 'pending' | 'active' | 'retired' | 'revoked';

export interface SigningKeyState {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly status: SigningKeyStatus;
  readonly createdAt: string;
  readonly activateAfter?: string;
  readonly activatedAt?: string;
  readonly removeAfter?: string;
}

export interface SigningKeysState {
  readonly keys: ReadonlyMap<string, SigningKeyState>;
  readonly activeKid?: string;
  readonly pendingKid?: string;
}

export const initialSigningKeysState: SigningKeysState = { keys: new Map() };

export function evolveSigningKeys(state: SigningKeysState, event: SigningKeyEvent): SigningKeysState {
  switch (event.type) {
    case 'SigningKeyCreated': {
      const { kid, alg, createdAt, activateAfter } = event.data;
      const key: SigningKeyState = { kid, alg, status: 'pending', createdAt, ...(activateAfter ? { activateAfter } : {}) };
      return { ...state, keys: new Map(state.keys).set(kid, key), pendingKid: kid };
    }
    case 'SigningKeyActivated': {
      const key = state.keys.get(event.data.kid);
      if (!key) return state;
      const keys = new Map(state.keys).set(key.kid, { ...key, status: 'active', activatedAt: event.data.activatedAt });
      return { keys, activeKid: key.kid, pendingKid: state.pendingKid === key.kid ? undefined : state.pendingKid };
    }
    case 'SigningKeyRetired': {
      const key = state.keys.get(event.data.kid);
      if (!key) return state;
      const keys = new Map(state.keys).set(key.kid, { ...key, status: 'retired', removeAfter: event.data.removeAfter });
      return { ...state, keys, activeKid: state.activeKid === key.kid ? undefined : state.activeKid };
    }
    case 'SigningKeyRevoked': {
      const key = state.keys.get(event.data.kid);
      if (!key) return state;
      const keys = new Map(state.keys).set(key.kid, { ...key, status: 'revoked' });
      return {
        keys,
        activeKid: state.activeKid === key.kid ? undefined : state.activeKid,
        pendingKid: state.pendingKid === key.kid ? undefined : state.pendingKid,
      };
    }
    default:
      return unreachable(event);
  }
}

/** The scheduled rotation is due once the active key has signed for `rotationDays` and no successor waits. */
export function isSigningKeyRotationDue(state: SigningKeysState, rotationDays: number, now: Date): boolean {
  if (state.pendingKid !== undefined) return false;
  const active = state.activeKid === undefined ? undefined : state.keys.get(state.activeKid);
  if (!active?.activatedAt) return false;
  return Date.parse(active.activatedAt) + rotationDays * 24 * 3600 * 1000 <= now.getTime();
}
