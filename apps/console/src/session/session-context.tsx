import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, configureApi, sessionApi } from '../api/console-api';
import type { ConsoleSession } from './console-session';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly notice?: string }
  | { readonly status: 'signed-in'; readonly session: ConsoleSession };

interface SessionContextValue {
  readonly state: SessionState;
  signIn(clientId: string, clientSecret: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const ended = useCallback(() => {
    configureApi({ csrfToken: undefined });
    setState({ status: 'signed-out', notice: 'Your session ended. Sign in again.' });
  }, []);

  const start = useCallback(
    (session: ConsoleSession) => {
      configureApi({ csrfToken: session.csrfToken, onSessionEnded: ended });
      setState({ status: 'signed-in', session });
    },
    [ended],
  );

  useEffect(() => {
    sessionApi.read().then(start, () => setState({ status: 'signed-out' }));
  }, [start]);

  // The session ends with its access token: at expiry the console goes back to the sign-in page.
  const expiresAt = state.status === 'signed-in' ? Date.parse(state.session.expiresAt) : undefined;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const timer = setTimeout(ended, Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, ended]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signIn: async (clientId, clientSecret) => start(await sessionApi.signIn(clientId, clientSecret)),
      signOut: async () => {
        try {
          await sessionApi.signOut();
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401) throw error;
        }
        configureApi({ csrfToken: undefined });
        setState({ status: 'signed-out', notice: 'You are signed out.' });
      },
    }),
    [state, start],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useSignedInSession(): ConsoleSession {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('not signed in');
  return state.session;
}
