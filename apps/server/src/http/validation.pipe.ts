import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * class-validator on every DTO: unknown fields refused, wrong types refused, each problem named by
 * field and reason. Nothing is changed when validation fails: the command never runs.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
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

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason: reason.replace(/^property (\S+) should not exist$/, 'is not a known field') }));
    return [...own, ...flatten(error.children ?? [], `${field}.`)];
  });
}
