import { InvalidRequest } from '../errors/oauth-errors';
import type { PresentedCertificate } from '../mtls/presented-certificate';

export interface TokenHttpRequest {
  /** The parsed form body; a parameter sent twice arrives as an array. */
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** RFC 8705: the client certificate of the connection, or the one a TRUST_PROXY proxy forwarded. */
  readonly clientCertificate?: PresentedCertificate;
  /** Told the client id the request presented, once its credentials are read (the request log attributes by it). */
  readonly onClientPresented?: (clientId: string) => void;
}

/** Single-valued form parameters by name; repeatable ones are read with readRepeatedParameter. */
export type OAuthForm = Readonly<Record<string, string>>;

/**
 * RFC 6749 §3.2: parameters are form-encoded, sent at most once; empty values count as omitted.
 * Returns a flat string map or throws invalid_request naming the parameter.
 */
export function readTokenForm(request: Pick<TokenHttpRequest, 'body' | 'contentType'>, repeatable: readonly string[] = []): OAuthForm {
  if (!isFormEncoded(request.contentType)) {
    throw new InvalidRequest('the request must be application/x-www-form-urlencoded (RFC 6749 §4.4.2, RFC 7662 §2.1, RFC 7009 §2.1)');
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const form: Record<string, string> = {};
  for (const name of Object.keys(body)) {
    if (repeatable.includes(name)) continue;
    const value = body[name];
    if (Array.isArray(value)) throw new InvalidRequest(`parameter ${name.slice(0, 40)} must not be repeated (RFC 6749 §3.2)`);
    if (typeof value !== 'string') throw new InvalidRequest(`parameter ${name} is malformed`);
    if (value !== '') form[name] = value;
  }
  return form;
}

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The media type itself, parameters (charset) aside: `application/x-www-form-urlencodedX` is not it. Most clients send it bare. */
function isFormEncoded(contentType: string | undefined): boolean {
  return contentType === FORM_MEDIA_TYPE || contentType?.split(';')[0].trim().toLowerCase() === FORM_MEDIA_TYPE;
}

/** RFC 6749 §3.3: scope = scope-token *( SP scope-token ). */
export function parseScopeParameter(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  const tokens = scope.split(' ');
  if (tokens.some((token) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(token))) {
    throw new InvalidRequest('scope must be scope tokens separated by single spaces (RFC 6749 §3.3)');
  }
  return tokens;
}

/** RFC 8707 §2: `resource` (and `audience`) may be sent several times; empty values are ignored. */
export function readRepeatedParameter(body: unknown, name: string): string[] {
  const value = ((body ?? {}) as Record<string, unknown>)[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (values.some((v) => typeof v !== 'string')) throw new InvalidRequest(`parameter ${name} is malformed`);
  return (values as string[]).filter((v) => v !== '');
}
