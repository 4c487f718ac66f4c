import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '@keyward/domain';

/** A route parameter that must be a UUID: anything else is a 400 naming the parameter, like every bad input. */
export const UuidParam = (name: string) => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput(name, 'must be a UUID') }));
