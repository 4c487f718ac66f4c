import { unreachable, type Decider } from '../shared/decider';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from '../organization/organization-policy';
import { requireIntegerInRange } from '../service-account/credential.rules';
import type { SigningKeyCommand } from './signing-key.commands';
import { SigningKeyNotFound, SigningKeyRotationPending } from './signing-key.errors';
import { InvalidInput } from '../shared/domain-error';
import type { SigningKeyEvent } from './signing-key.events';
import { evolveSigningKeys, initialSigningKeysState, type SigningKeysState } from './signing-key.state';

export const SIGNING_KEY_PROPAGATION_SECONDS = { min: 0, max: 7 * 24 * 3600 } as const;
/** Slack for resource servers whose clocks run behind: a retired key stays published this much longer. */
export const CLOCK_SKEW_SECONDS = 300;

/**
 * Publish before sign: a new key enters the JWKS at once and signs only after the propagation delay,
 * so a resource server that cached the JWKS never meets a kid it cannot find. The first key of all
 * signs at once (no token exists yet). A retired key stays published until every token it signed has
 * expired: its retirement instant plus the longest token lifetime any credential can have (24 h) plus clock skew.
 */
export function decideSigningKeys(command: SigningKeyCommand, state: SigningKeysState): SigningKeyEvent[] {
  const now = command.now.toISOString();
  switch (command.type) {
    case 'CreateSigningKey': {
      if (state.pendingKid !== undefined)
        throw new SigningKeyRotationPending(state.pendingKid, state.keys.get(state.pendingKid)?.activateAfter);
      const propagation = requireIntegerInRange(
        'propagationSeconds',
        command.propagationSeconds,
        SIGNING_KEY_PROPAGATION_SECONDS,
        'seconds',
      );
      const first = state.activeKid === undefined;
      const activateAfter = new Date(command.now.getTime() + (first ? 0 : propagation) * 1000).toISOString();
      const created: SigningKeyEvent = {
        type: 'SigningKeyCreated',
        data: { ...command.key, createdAt: now, activateAfter, reason: command.reason },
      };
      if (!first && propagation > 0) return [created];
      return [created, ...activation(state, command.key.kid, command.now)];
    }
    case 'ActivateDueSigningKey': {
      const pending = state.pendingKid === undefined ? undefined : state.keys.get(state.pendingKid);
      if (!pending || Date.parse(pending.activateAfter ?? pending.createdAt) > command.now.getTime()) return [];
      return activation(state, pending.kid, command.now);
    }
    case 'RevokeSigningKey': {
      const key = state.keys.get(command.kid);
      if (!key) throw new SigningKeyNotFound(command.kid);
      if (key.status === 'revoked') return [];
      const revoked: SigningKeyEvent = { type: 'SigningKeyRevoked', data: { kid: key.kid, revokedAt: now } };
      if (state.activeKid !== key.kid) return [revoked];
      // The active key is compromised: its replacement signs at once (no propagation: waiting would mean signing with the bad key or not at all).
      if (!command.replacement) throw new InvalidInput('replacement', 'revoking the active signing key needs a replacement key');
      const replacement = command.replacement;
      return [
        { type: 'SigningKeyCreated', data: { ...replacement, createdAt: now, activateAfter: now, reason: 'revocation' } },
        { type: 'SigningKeyActivated', data: { kid: replacement.kid, activatedAt: now, previousKid: key.kid } },
        revoked,
      ];
    }
    default:
      return unreachable(command);
  }
}

function activation(state: SigningKeysState, kid: string, now: Date): SigningKeyEvent[] {
  const previousKid = state.activeKid;
  const activated: SigningKeyEvent = {
    type: 'SigningKeyActivated',
    data: { kid, activatedAt: now.toISOString(), ...(previousKid ? { previousKid } : {}) },
  };
  if (!previousKid) return [activated];
  const removeAfter = new Date(now.getTime() + (ACCESS_TOKEN_LIFETIME_SECONDS.max + CLOCK_SKEW_SECONDS) * 1000).toISOString();
  return [activated, { type: 'SigningKeyRetired', data: { kid: previousKid, retiredAt: now.toISOString(), removeAfter } }];
}

export const signingKeysDecider: Decider<SigningKeyCommand, SigningKeyEvent, SigningKeysState> = {
  initialState: initialSigningKeysState,
  decide: decideSigningKeys,
  evolve: evolveSigningKeys,
};
