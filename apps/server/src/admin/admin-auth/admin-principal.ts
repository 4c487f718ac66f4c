import type { CommandContext } from '@keyward/application';

/** The service account calling the admin API, from its verified access token. */
export interface AdminPrincipal {
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
}

/** What a controller hands to a command: the caller's organization plus the request's metadata. */
export interface AdminCall {
  readonly principal: AdminPrincipal;
  readonly context: CommandContext & { readonly organizationId: string };
}
