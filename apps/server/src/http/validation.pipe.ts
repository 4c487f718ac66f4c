import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';
import { bodyMayBeOmitted, type DtoClass } from './optional-body.decorator';

// Where @nestjs/swagger keeps @ApiProperty options (DECORATORS.API_MODEL_PROPERTIES, not exported from its entry point).
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const bodyError = (reason: string) =>
  new BadRequestException({ error: 'invalid_request', message: `body: ${reason}`, field: 'body', fields: [{ field: 'body', reason }] });

/** A body nested deeper than any DTO is a 400 before class-transformer walks it (it would overflow the stack: a 500). */
class DepthBoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype !== undefined && metadata.metatype !== Object) {
      // A PATCH or PUT without a body changes nothing: a mistake to report, not a success (the OpenAPI document marks these bodies required).
      if (value === undefined || value === null) {
        if (!bodyMayBeOmitted(metadata.metatype)) throw bodyError('is required: a JSON object');
        return super.transform({}, metadata);
      }
      if (typeof value !== 'object' || Array.isArray(value)) throw bodyError('must be a JSON object');
      refuseUndeclaredNulls(value as Record<string, unknown>, metadata.metatype);
    }
    if (metadata.type === 'body' && exceedsJsonDepth(value)) throw bodyError(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return super.transform(value, metadata);
  }
}

/**
 * @IsOptional() lets null through like a missing field; a handler then meets a null it never expected.
 * null is a value only where the DTO says so (@ApiProperty({ nullable: true }), as the OpenAPI document shows).
 */
function refuseUndeclaredNulls(body: Record<string, unknown>, dto: DtoClass): void {
  for (const [field, value] of Object.entries(body)) {
    if (value !== null) continue;
    const declared = Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype, field) as { nullable?: boolean } | undefined;
    if (declared && !declared.nullable) {
      throw new BadRequestException({
        error: 'invalid_request',
        message: `${field}: must not be null`,
        field,
        fields: [{ field, reason: 'must not be null' }],
      });
    }
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
