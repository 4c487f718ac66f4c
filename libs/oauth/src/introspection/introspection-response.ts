/** RFC 7662 §2.2. An inactive token gets `{ active: false }` and nothing else. */
export type IntrospectionResponse =
  | { readonly active: false }
  | {
      readonly active: true;
      readonly scope: string;
      readonly client_id?: string;
      readonly token_type: 'Bearer' | 'DPoP';
      readonly exp: number;
      readonly iat: number;
      readonly sub: string;
      readonly aud?: string | string[];
      readonly iss: string;
      readonly jti?: string;
      /** RFC 9449 §6.2 / RFC 8705 §3.2: the DPoP key and/or client certificate the token is bound to. */
      readonly cnf?: { readonly jkt?: string; readonly 'x5t#S256'?: string };
      readonly org_id: string;
      /** keyward extension: which kind of credential the token is. */
      readonly token_kind: 'access_token' | 'api_token';
    };

export const INACTIVE: IntrospectionResponse = Object.freeze({ active: false });
