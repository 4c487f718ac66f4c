import { InvalidInput } from './domain-error';

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 500;

/** Names are trimmed for comparison so that "bot" and "bot " cannot coexist. */
export function requireName(field: string, value: string): string {
  const name = value.trim();
  if (name.length === 0) throw new InvalidInput(field, 'must not be empty');
  if (name.length > NAME_MAX) throw new InvalidInput(field, `must be at most ${NAME_MAX} characters`);
  return name;
}

export function requireDescription(field: string, value: string): string {
  if (value.length > DESCRIPTION_MAX) throw new InvalidInput(field, `must be at most ${DESCRIPTION_MAX} characters`);
  return value;
}
