export type ServiceAccountCommand =
  | { readonly type: 'CreateServiceAccount'; readonly serviceAccountId: string; readonly organizationId: string; readonly name: string; readonly description: string; readonly now: Date }
  | { readonly type: 'ChangeServiceAccountDetails'; readonly name?: string; readonly description?: string }
  | { readonly type: 'SuspendServiceAccount'; readonly reason: string; readonly now: Date }
  | { readonly type: 'ReactivateServiceAccount'; readonly now: Date }
  | { readonly type: 'DeleteServiceAccount'; readonly now: Date }
  | {
      readonly type: 'CreateOAuthClient';
      readonly credentialId: string;
      readonly name: string;
      readonly clientId: string;
      readonly secretDigest: string;
      readonly scopes: readonly string[];
      /** The organization's scope catalog: credentials may only hold scopes defined there. */
      readonly catalog: ReadonlySet<string>;
      readonly now: Date;
    }
  | {
      readonly type: 'CreateApiToken';
      readonly credentialId: string;
      readonly name: string;
      readonly tokenDigest: string;
      readonly scopes: readonly string[];
      readonly catalog: ReadonlySet<string>;
      readonly expiresInDays: number;
      readonly now: Date;
    }
  | { readonly type: 'ChangeCredential'; readonly credentialId: string; readonly name?: string; readonly scopes?: readonly string[]; readonly catalog: ReadonlySet<string> }
  | { readonly type: 'RotateClientSecret'; readonly credentialId: string; readonly secretDigest: string; readonly graceSeconds: number; readonly now: Date }
  | { readonly type: 'RevokeCredential'; readonly credentialId: string; readonly now: Date };
