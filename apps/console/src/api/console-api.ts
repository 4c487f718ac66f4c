import type { ConsoleSession } from '../session/console-session';

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** An error answered by the server, with the API's own message and the fields it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly FieldProblem[];

  constructor(props: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly fields: readonly FieldProblem[];
  }) {
    super(props.message);
    ({ status: this.status, code: this.code, fields: this.fields } = props);
  }

  /** The API's message for each named field, ready for a form's validationErrors. */
  fieldErrors(rename: Record<string, string> = {}): Record<string, string> {
    return Object.fromEntries(this.fields.map(({ field, reason }) => [rename[field] ?? field, reason]));
  }
}

let csrfToken: string | undefined;
let sessionEnded: (() => void) | undefined;

/** The session's CSRF token goes on every state-changing call; a 401 anywhere ends the session. */
export function configureApi(options: { csrfToken?: string; onSessionEnded?: () => void }): void {
  csrfToken = options.csrfToken;
  if (options.onSessionEnded) sessionEnded = options.onSessionEnded;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  if (response.ok) return data as T;
  const error = toApiError(response.status, data);
  if (error.code === 'session_ended') sessionEnded?.();
  throw error;
}

function toApiError(status: number, data: Record<string, unknown> | undefined): ApiError {
  const message =
    typeof data?.message === 'string'
      ? data.message
      : typeof data?.error_description === 'string'
        ? data.error_description
        : `the server answered ${status}`;
  const listed = Array.isArray(data?.fields) ? (data.fields as FieldProblem[]) : [];
  const fields = listed.length > 0 ? listed : typeof data?.field === 'string' ? [{ field: data.field, reason: message }] : [];
  return new ApiError({ status, code: typeof data?.error === 'string' ? data.error : 'error', message, fields });
}

const ADMIN = '/console/api/admin/v1';

/** The admin API, through the console's session (the server attaches the access token). */
export const adminApi = {
  get: <T>(path: string) => call<T>('GET', ADMIN + path),
  post: <T>(path: string, body: unknown = {}) => call<T>('POST', ADMIN + path, body),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', ADMIN + path, body),
  put: <T>(path: string, body: unknown) => call<T>('PUT', ADMIN + path, body),
  delete: <T>(path: string) => call<T>('DELETE', ADMIN + path),
};

export const sessionApi = {
  read: () => call<ConsoleSession>('GET', '/console/api/session'),
  signIn: (clientId: string, clientSecret: string) => call<ConsoleSession>('POST', '/console/api/session', { clientId, clientSecret }),
  signOut: () => call<void>('DELETE', '/console/api/session'),
};
