/** Scopes every organization's catalog holds, whatever it defines: they guard keyward's own APIs. */
export const BUILT_IN_SCOPES: Readonly<Record<string, string>> = {
  'manage:service-accounts': 'Create, change, rotate and revoke service accounts and their credentials',
  'read:service-accounts': 'List and read service accounts and their credentials',
  'read:audit-log': 'Read the audit events of the organization',
  introspect: 'Introspect access tokens and API tokens (RFC 7662)',
};

export const ADMIN_SCOPES = ['manage:service-accounts', 'read:service-accounts', 'read:audit-log'] as const;

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ); we narrow it to a readable `action:resource` vocabulary. */
export const SCOPE_NAME_PATTERN = /^[a-z][a-z0-9_.-]*(:[a-z0-9_.*-]+)*$/;
export const SCOPE_NAME_MAX = 100;

export function isValidScopeName(name: string): boolean {
  return name.length <= SCOPE_NAME_MAX && SCOPE_NAME_PATTERN.test(name);
}
