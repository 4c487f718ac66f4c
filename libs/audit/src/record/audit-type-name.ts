/**
 * `ServiceAccountCreated` → `keyward.service_account.created.v1`: the last word of an event type is
 * its past-tense verb, the words before it the entity. Acronyms stay one word (`OAuthClient` → oauth_client).
 */
export function auditTypeName(eventType: string, schemaVersion = 1): string {
  // A busy relay names the same type over and over: the last answer comes first.
  if (eventType === last.eventType && schemaVersion === last.schemaVersion) return last.name;
  const name = cachedTypeName(eventType, schemaVersion);
  last = { eventType, schemaVersion, name };
  return name;
}

let last = { eventType: '', schemaVersion: Number.NaN, name: '' };

function cachedTypeName(eventType: string, schemaVersion: number): string {
  const key = `${eventType}:${schemaVersion}`;
  let name = typeNames.get(key);
  if (name === undefined) {
    name = typeNameOf(eventType, schemaVersion);
    // Event types are a closed set of names from the code; the bound only guards against a store full of strangers.
    if (typeNames.size < 1000) typeNames.set(key, name);
  }
  return name;
}

const typeNames = new Map<string, string>();

function typeNameOf(eventType: string, schemaVersion: number): string {
  const words = splitWords(eventType);
  if (words.length < 2) return `keyward.${words.join('_') || 'unknown'}.recorded.v${schemaVersion}`;
  const verb = words[words.length - 1];
  return `keyward.${words.slice(0, -1).join('_')}.${verb}.v${schemaVersion}`;
}

const KNOWN_ACRONYMS: readonly string[] = ['OAuth', 'JWT', 'JWKS', 'API'];

function splitWords(pascal: string): string[] {
  let rest = pascal;
  for (const acronym of KNOWN_ACRONYMS) rest = rest.split(acronym).join(`${acronym[0]}${acronym.slice(1).toLowerCase()}`);
  return (rest.match(/[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []).map((word) => word.toLowerCase());
}
