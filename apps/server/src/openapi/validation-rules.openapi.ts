import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { DtoClass } from '../http/optional-body.decorator';

interface RuleMetadata {
  readonly name?: string;
  readonly propertyName: string;
  readonly constraints?: readonly unknown[];
  readonly each?: boolean;
}
type PropertySchema = { type?: string; format?: string; pattern?: string; enum?: unknown[]; items?: PropertySchema };

/**
 * The DTOs' class-validator rules, stated in their schemas, so that what the document calls valid is what
 * the validation pipe accepts: integers are integers, UUIDs and patterns are declared, and no schema takes
 * fields it does not list (the pipe refuses unknown fields).
 */
export function addValidationRules(document: OpenAPIObject): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, RuleMetadata[]> };
  const classes = new Map([...storage.validationMetadatas.keys()].map((target) => [target.name, target]));
  // A DTO inherits the rules of the DTOs it extends (ChangeServiceAccountDto extends OwnershipFieldsDto).
  const rulesOf = (dto: DtoClass): RuleMetadata[] => {
    const rules: RuleMetadata[] = [];
    for (let type: DtoClass | null = dto; type && type !== Function.prototype; type = Object.getPrototypeOf(type) as DtoClass | null)
      rules.push(...(storage.validationMetadatas.get(type) ?? []));
    return rules;
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const dto = classes.get(name);
    if (!dto || '$ref' in schema) continue;
    schema.additionalProperties = false;
    for (const rule of rulesOf(dto)) {
      const property = schema.properties?.[rule.propertyName] as PropertySchema | undefined;
      if (property) applyRule(rule, property);
    }
  }
  addQueryParameterRules(document, [...classes.values()].filter((dto) => dto.name.endsWith('Query')).map(rulesOf));
}

/**
 * Query DTOs are spread into parameters, so their class names are gone from the document: a parameter
 * takes the rules that every query DTO declaring a property of its name agrees on.
 */
function addQueryParameterRules(document: OpenAPIObject, queryRules: readonly RuleMetadata[][]): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.delete, item.post, item.put, item.patch]) {
      for (const parameter of (operation?.parameters ?? []) as { in?: string; name?: string; schema?: PropertySchema }[]) {
        if (parameter.in !== 'query' || !parameter.schema) continue;
        const candidates = queryRules
          .map((rules) => rules.filter((rule) => rule.propertyName === parameter.name))
          .filter((rules) => rules.length > 0);
        const agreed = (candidates[0] ?? []).filter((rule) =>
          candidates.every((rules) =>
            rules.some((other) => other.name === rule.name && String(other.constraints) === String(rule.constraints)),
          ),
        );
        for (const rule of agreed) applyRule(rule, parameter.schema);
      }
    }
  }
}

function applyRule(rule: RuleMetadata, property: PropertySchema): void {
  const target = rule.each && property.items ? property.items : property;
  switch (rule.name) {
    case 'isString':
      target.type = 'string';
      break;
    case 'isInt':
      target.type = 'integer';
      break;
    case 'isUUID':
      target.format = 'uuid';
      break;
    case 'isBoolean':
      target.type = 'boolean';
      break;
    case 'matches':
      target.pattern ??= (rule.constraints?.[0] as RegExp).source;
      break;
    case 'isIn':
      target.enum ??= [...(rule.constraints?.[0] as unknown[])];
      break;
  }
}
