/** A DTO class (any constructor: the decorator and the pipe see only the class). */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** DTO classes whose every field has a default, so the request may leave the body out (rotate: default grace). */
const OPTIONAL_BODIES = new Set<DtoClass>();

/** On a DTO class: the body may be omitted (as `{}`). Every other @Body() DTO requires a JSON object; the OpenAPI document says which. */
export const BodyMayBeOmitted = (): ClassDecorator => (target) => {
  OPTIONAL_BODIES.add(target as unknown as DtoClass);
};

export const bodyMayBeOmitted = (dto: DtoClass | undefined): boolean => dto !== undefined && OPTIONAL_BODIES.has(dto);

export const optionalBodySchemaNames = (): ReadonlySet<string> => new Set([...OPTIONAL_BODIES].map((dto) => dto.name));
