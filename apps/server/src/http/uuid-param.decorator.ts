import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { InvalidInput } from '@keyward/domain';

/**
 * A route parameter that must be a UUID: anything else is a 400 naming the parameter, like every bad
 * input. The OpenAPI document says so (format uuid), so clients and fuzzers know before they call.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput(name, 'must be a UUID') }))(target, key, index);
    if (key !== undefined) ApiParam({ name, type: String, format: 'uuid' })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
