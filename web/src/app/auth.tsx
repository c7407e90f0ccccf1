/**
 * The sign-in state of the page: who is signed in (GET /auth/me), signing in and out, and
 * what happens when the server ends the session (401 → the login page with the server's
 * reason) or asks for a password change first (→ the password page).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/auth';
import { ApiError, csrfToken, onAuthFailure } from '../api/client';
import type { Me } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  /** `notice`: why the session ended (the server's words); `loggedOut`: the user signed out himself. */
  | { status: 'anonymous'; notice?: string; loggedOut?: boolean }
  | { status: 'signedIn'; me: Me };

export interface Auth {
  state: AuthState;
  /** The signed-in user; only inside the signed-in part of the app. */
  me: Me | undefined;
  /** The password step: the user, or 'totp' when a code is owed (then loginTotp). */
  login(username: string, password: string): Promise<Me | 'totp'>;
  /** The second step: the authenticator's code. */
  loginTotp(code: string): Promise<Me>;
  logout(): Promise<void>;
  /** Read /auth/me again (after a password change). */
  refresh(): Promise<void>;
  retry(): void;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const load = useCallback(async () => {
    // The readable CSRF cookie outlives the page: present means a session existed, so a 401 says why it ended.
    const hadSession = csrfToken() !== undefined;
    try {
      setState({ status: 'signedIn', me: await api.getMe() });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setState(e.status === 401 ? { status: 'anonymous', notice: hadSession ? e.message : undefined } : { status: 'failed', error: e });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      onAuthFailure((failure) => {
        if (failure.kind === 'unauthenticated') {
          setState((prev) => (prev.status === 'signedIn' ? { status: 'anonymous', notice: failure.message } : prev));
        } else if (failure.kind === 'totp_enrolment_required') {
          setState((prev) => (prev.status === 'signedIn' ? { status: 'signedIn', me: { ...prev.me, mustEnrolTotp: true } } : prev));
        } else {
          setState((prev) => (prev.status === 'signedIn' ? { status: 'signedIn', me: { ...prev.me, mustChangePassword: true } } : prev));
        }
      }),
    [],
  );

  const auth = useMemo<Auth>(
    () => ({
      state,
      me: state.status === 'signedIn' ? state.me : undefined,
      login: async (username, password) => {
        const answer = await api.login(username, password);
        if ('secondFactor' in answer) return 'totp';
        setState({ status: 'signedIn', me: answer.user });
        return answer.user;
      },
      loginTotp: async (code) => {
        const { user } = await api.loginTotp(code);
        setState({ status: 'signedIn', me: user });
        return user;
      },
      logout: async () => {
        try {
          await api.logout();
        } finally {
          setState({ status: 'anonymous', loggedOut: true });
        }
      },
      refresh: async () => {
        setState({ status: 'signedIn', me: await api.getMe() });
      },
      retry: () => {
        setState({ status: 'loading' });
        void load();
      },
    }),
    [state, load],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user; for components that only render inside the signed-in frame. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** Whether the signed-in user's role has any of the permissions. */
export function useCan(): (...permissions: string[]) => boolean {
  const { me } = useAuth();
  return useCallback((...permissions: string[]) => !!me && permissions.some((p) => me.permissions.includes(p)), [me]);
}
