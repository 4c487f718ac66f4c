/** What the page knows of its session (GET /console/api/session); the access token stays in an HttpOnly cookie. */
export interface ConsoleSession {
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string;
  readonly csrfToken: string;
}
