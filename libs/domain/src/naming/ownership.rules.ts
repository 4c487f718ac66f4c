import { InvalidInput } from '../shared/domain-error';
import type { OrganizationPolicy } from '../organization/organization-policy';
import { OwnerRequired } from './naming.errors';

export const OWNER_MAX = 200;
export const MAX_TAGS = 20;
/** `team:payments`, `env=prod`, `pci`: lowercase, so filters need no case folding. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9_.:=/-]{0,63}$/;
export const TAG_RULE = 'lowercase letters, digits and "_.:=/-", starting with a letter or digit, at most 64 characters';

/** An owner is free text (a team, an email, a chat handle), trimmed; empty means none. */
export function requireOwner(value: string | null | undefined, policy: OrganizationPolicy | undefined): string | null {
  const owner = value?.trim() || null;
  if (owner !== null && owner.length > OWNER_MAX) throw new InvalidInput('owner', `must be at most ${OWNER_MAX} characters`);
  if (owner === null && policy?.requireOwner) throw new OwnerRequired();
  return owner;
}

/** Tags are a set: duplicates dropped, sorted so that equal sets compare equal. */
export function requireTags(tags: readonly string[] | undefined): string[] {
  if (tags === undefined) return [];
  if (tags.length > MAX_TAGS) throw new InvalidInput('tags', `must hold at most ${MAX_TAGS} tags`);
  for (const tag of tags)
    if (typeof tag !== 'string' || !TAG_PATTERN.test(tag)) throw new InvalidInput('tags', `each tag must be ${TAG_RULE}`);
  return [...new Set(tags)].sort();
}
