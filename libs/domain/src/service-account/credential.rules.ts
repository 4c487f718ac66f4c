import { InvalidInput } from '../shared/domain-error';
import { requireName } from '../shared/names';
import { CredentialLimitReached, CredentialNameTaken, UnknownScope } from './service-account.errors';
import { isCredentialActive, type CredentialState } from './credential.state';

export const MAX_ACTIVE_CREDENTIALS = 25;
export const MAX_SCOPES_PER_CREDENTIAL = 50;
export const API_TOKEN_DAYS = { min: 1, max: 365, default: 90 } as const;
/** Rotation grace: 0 s to 7 days, default 24 h. */
export const ROTATION_GRACE_SECONDS = { min: 0, max: 7 * 24 * 3600, default: 24 * 3600 } as const;

export function requireScopes(scopes: readonly string[], catalog: ReadonlySet<string>): string[] {
  if (scopes.length === 0) throw new InvalidInput('scopes', 'must hold at least one scope');
  if (scopes.length > MAX_SCOPES_PER_CREDENTIAL) throw new InvalidInput('scopes', `must hold at most ${MAX_SCOPES_PER_CREDENTIAL} scopes`);
  const unknown = scopes.filter((scope) => !catalog.has(scope));
  if (unknown.length > 0) throw new UnknownScope(unknown);
  return [...new Set(scopes)];
}

export function requireCredentialName(credentials: ReadonlyMap<string, CredentialState>, rawName: string, exceptId?: string): string {
  const name = requireName('name', rawName);
  for (const credential of credentials.values()) {
    if (credential.id !== exceptId && isCredentialActive(credential) && credential.name.toLowerCase() === name.toLowerCase()) {
      throw new CredentialNameTaken(name);
    }
  }
  return name;
}

export function requireCredentialRoom(credentials: ReadonlyMap<string, CredentialState>): void {
  const active = [...credentials.values()].filter(isCredentialActive).length;
  if (active >= MAX_ACTIVE_CREDENTIALS) throw new CredentialLimitReached(MAX_ACTIVE_CREDENTIALS);
}

export function requireIntegerInRange(
  field: string,
  value: number,
  range: { readonly min: number; readonly max: number },
  unit: string,
): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new InvalidInput(field, `must be a whole number of ${unit} from ${range.min} to ${range.max}`);
  }
  return value;
}
