import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';

/** A body nested deeper than any DTO is a 400 before class-transformer walks it (it would overflow the stack: a 500). */
class DepthBoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && exceedsJsonDepth(value)) {
      const reason = `is nested deeper than ${MAX_JSON_DEPTH} levels`;
      throw new BadRequestException({ error: 'invalid_request', message: `body: ${reason}`, field: 'body', fields: [{ field: 'body', reason }] });
    }
    return super.transform(value, metadata);
  }
}

/**
 * class-validator on every DTO: unknown fields refused, wrong types refused, each problem named by
 * field and reason. Nothing is changed when validation fails: the command never runs.
 */
export function createValidationPipe(): ValidationPipe {
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        error: 'invalid_request',
        message: fields.map((f) => `${f.field}: ${f.reason}`).join('; '),
        field: fields[0]?.field,
        fields,
      });
    },
  });
}

// When a value breaks several rules, the most basic one explains it: a missing name is "must be a
// string", not "must be shorter than 100 characters".
const FIRST_REASONS = ['whitelistValidation', 'isDefined', 'isString', 'isArray', 'isInt', 'isIn', 'isUuid', 'arrayMinSize', 'minLength'];

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const constraints = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const own = constraints.slice(0, 1).map(([, reason]) => ({ field, reason: humanize(reason, error.property) }));
    return [...own, ...flatten(error.children ?? [], `${field}.`)];
  });
}

function rank(constraint: string): number {
  const index = FIRST_REASONS.indexOf(constraint);
  return index < 0 ? FIRST_REASONS.length : index;
}

/** class-validator says "property admin should not exist" and "name must be a string": keep the reason, the field is named apart. */
function humanize(reason: string, property: string): string {
  if (/^property \S+ should not exist$/.test(reason)) return 'is not a known field';
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}
