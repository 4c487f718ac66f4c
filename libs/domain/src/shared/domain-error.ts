/**
 * Base of every refusal the domain can give. `code` is stable (API clients match on it);
 * `field` names the input at fault when there is one. The HTTP edge maps `kind` to a status once.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'quota' | 'forbidden';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  abstract readonly code: string;
  readonly field?: string;

  protected constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class InvalidInput extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_input';
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, field);
  }
}
