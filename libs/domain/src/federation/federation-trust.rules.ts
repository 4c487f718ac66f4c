import { InvalidInput } from '../shared/domain-error';
import { DEFAULT_MAX_FEDERATED_TOKEN_AGE_SECONDS, type ClaimConditions, type FederationTrust, type SubjectMatch } from './federation-trust';

const MAX_URL = 512;
const MAX_SUBJECT = 1024;
const MAX_PATTERN_WILDCARDS = 4;
const MAX_CLAIM_CONDITIONS = 20;
const MAX_CLAIM_DEPTH = 3;
const MAX_CLAIM_NAME = 100;
const MAX_CLAIM_VALUE = 512;
/** These have their own fields (or are checked by every verification): a condition on them would be confusing. */
const TRUST_MEMBERS = ['issuer', 'subject', 'subjectPattern', 'audience', 'claims', 'maxTokenAgeSeconds', 'allowTokenReuse'];
const RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

export interface FederationTrustInput {
  readonly issuer?: unknown;
  readonly subject?: unknown;
  readonly subjectPattern?: unknown;
  readonly audience?: unknown;
  readonly claims?: unknown;
  readonly maxTokenAgeSeconds?: unknown;
  readonly allowTokenReuse?: unknown;
}

/** Validates a create body's `federation` member; `allowInsecureIssuers` comes from FEDERATION_ALLOW_INSECURE_ISSUERS. */
export function requireFederationTrust(input: FederationTrustInput, options: { readonly allowInsecureIssuers: boolean }): FederationTrust {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InvalidInput('federation', 'must be an object');
  // A misspelt condition ("subjet") must not be dropped silently: the trust would be wider than meant.
  const unknown = Object.keys(input).find((key) => !TRUST_MEMBERS.includes(key));
  if (unknown !== undefined) throw new InvalidInput(`federation.${unknown}`, `is not a federation setting (${TRUST_MEMBERS.join(', ')})`);
  const maxTokenAgeSeconds = input.maxTokenAgeSeconds ?? DEFAULT_MAX_FEDERATED_TOKEN_AGE_SECONDS;
  if (!Number.isInteger(maxTokenAgeSeconds) || (maxTokenAgeSeconds as number) < 60 || (maxTokenAgeSeconds as number) > 86400) {
    throw new InvalidInput('federation.maxTokenAgeSeconds', 'must be a whole number of seconds from 60 to 86400');
  }
  if (input.allowTokenReuse !== undefined && typeof input.allowTokenReuse !== 'boolean')
    throw new InvalidInput('federation.allowTokenReuse', 'must be true or false');
  const audience = input.audience;
  if (audience !== undefined && (typeof audience !== 'string' || !/^[\x21-\x7e]{1,512}$/.test(audience)))
    throw new InvalidInput('federation.audience', 'must be 1 to 512 printable characters');
  return {
    issuer: requireIssuer(input.issuer, options.allowInsecureIssuers),
    subject: requireSubject(input.subject, input.subjectPattern),
    ...(audience !== undefined ? { audience: audience as string } : {}),
    claims: input.claims === undefined ? {} : requireClaims(input.claims, 'federation.claims', 1, { leaves: 0 }),
    maxTokenAgeSeconds: maxTokenAgeSeconds as number,
    allowTokenReuse: input.allowTokenReuse === true,
  };
}

/** OpenID Connect Discovery 1.0 §3: an https URL without query or fragment; `iss` must equal it exactly. */
function requireIssuer(raw: unknown, allowInsecure: boolean): string {
  const field = 'federation.issuer';
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL)
    throw new InvalidInput(field, `is required: an https URL of at most ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInput(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw new InvalidInput(
      field,
      allowInsecure
        ? 'must be an http or https URL'
        : 'must be an https URL (http only with FEDERATION_ALLOW_INSECURE_ISSUERS=true, for development)',
    );
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) throw new InvalidInput(field, 'must not hold a query or fragment');
  if (url.username || url.password) throw new InvalidInput(field, 'must not hold credentials');
  return raw;
}

function requireSubject(subject: unknown, pattern: unknown): SubjectMatch {
  if ((subject === undefined) === (pattern === undefined))
    throw new InvalidInput('federation.subject', 'give exactly one of subject (exact) or subjectPattern');
  const field = subject !== undefined ? 'federation.subject' : 'federation.subjectPattern';
  const value = subject ?? pattern;
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value) || value.length > MAX_SUBJECT)
    throw new InvalidInput(field, `must be 1 to ${MAX_SUBJECT} printable characters without spaces`);
  if (subject !== undefined) return { match: 'exact', value };
  const wildcards = value.split('*').length - 1;
  if (wildcards === 0) throw new InvalidInput(field, 'holds no * wildcard: use subject for an exact match');
  if (wildcards > MAX_PATTERN_WILDCARDS) throw new InvalidInput(field, `holds at most ${MAX_PATTERN_WILDCARDS} * wildcards`);
  if (value.startsWith('*') || value.includes('**'))
    throw new InvalidInput(field, 'must start with a literal prefix and not hold ** (each * is one or more characters other than ":")');
  return { match: 'pattern', value };
}

function requireClaims(raw: unknown, field: string, depth: number, count: { leaves: number }): ClaimConditions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InvalidInput(field, 'must be an object of claim names to values');
  // Entries, not assignments: a claim named __proto__ stays a claim (Object.fromEntries defines own properties).
  const conditions: [string, ClaimConditions[string]][] = [];
  for (const [name, value] of Object.entries(raw)) {
    const here = `${field}.${name}`;
    if (name.length === 0 || name.length > MAX_CLAIM_NAME)
      throw new InvalidInput(here, `claim names are 1 to ${MAX_CLAIM_NAME} characters`);
    if (depth === 1 && RESERVED_CLAIMS.includes(name))
      throw new InvalidInput(
        here,
        `${name} is checked by its own setting (issuer, subject, audience, maxTokenAgeSeconds), not as a claim condition`,
      );
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (depth >= MAX_CLAIM_DEPTH) throw new InvalidInput(here, `conditions nest at most ${MAX_CLAIM_DEPTH} levels deep`);
      conditions.push([name, requireClaims(value, here, depth + 1, count)]);
      continue;
    }
    if (
      typeof value !== 'boolean' &&
      !(typeof value === 'number' && Number.isFinite(value)) &&
      !(typeof value === 'string' && value.length <= MAX_CLAIM_VALUE)
    ) {
      throw new InvalidInput(
        here,
        `must be a string (at most ${MAX_CLAIM_VALUE} characters), a number, a boolean or an object of further conditions`,
      );
    }
    if (++count.leaves > MAX_CLAIM_CONDITIONS) throw new InvalidInput(field, `at most ${MAX_CLAIM_CONDITIONS} claim conditions`);
    conditions.push([name, value]);
  }
  if (conditions.length === 0 && depth > 1)
    throw new InvalidInput(field, 'an empty object matches nothing; name a claim inside it or leave it out');
  return Object.fromEntries(conditions);
}
