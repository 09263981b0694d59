import { useEffect, useState } from 'preact/hooks';
import {
  api,
  clearTokens,
  NetworkError,
  refreshSession,
  setTokens,
  storedRefreshToken,
  whenSignedOut,
} from './api/client';
import type { AuthResponse, User } from './api/types';
import { forgetDoorLists } from './door-forget';
import { clearOfflineTickets } from './offline-tickets';

/**
 * Who is signed in, shared by every page without a state library: a value and its listeners. The user
 * (not the tokens) is also kept in localStorage so that the tickets page opens offline after a reload.
 */
const USER_KEY = 'bm.user';
type State = { status: 'loading' | 'ready'; user: User | null };
let state: State = { status: 'loading', user: null };
const listeners = new Set<(s: State) => void>();

function set(next: State): void {
  state = next;
  if (next.user) localStorage.setItem(USER_KEY, JSON.stringify(next.user));
  else localStorage.removeItem(USER_KEY);
  listeners.forEach((l) => l(state));
}

export const currentUser = (): User | null => state.user;

export function useSession(): State {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

/**
 * At start: a kept refresh token signs the person back in; offline, the kept user stands in until the network returns.
 */
export async function restoreSession(): Promise<void> {
  if (!storedRefreshToken()) return set({ status: 'ready', user: null });
  const refreshed = await refreshSession();
  if (refreshed === 'denied') return set({ status: 'ready', user: null });
  if (refreshed === 'offline') {
    const kept = localStorage.getItem(USER_KEY);
    return set({ status: 'ready', user: kept ? (JSON.parse(kept) as User) : null });
  }
  try {
    set({ status: 'ready', user: await api<User>('GET', '/auth/me') });
  } catch (err) {
    const kept = localStorage.getItem(USER_KEY);
    set({ status: 'ready', user: err instanceof NetworkError && kept ? (JSON.parse(kept) as User) : null });
  }
}

export function signedIn(res: AuthResponse): void {
  setTokens(res);
  set({ status: 'ready', user: res.user });
}

export async function logout(): Promise<void> {
  const refreshToken = storedRefreshToken();
  // Revoke on the server first (while the access token still works); leaving never waits on the network.
  if (refreshToken) await api('POST', '/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  forget();
}

function forget(): void {
  clearTokens();
  clearOfflineTickets();
  forgetDoorLists();
  sessionStorage.clear();
  set({ status: 'ready', user: null });
}

// The server refused the session (expired, revoked or deactivated): nothing of this user stays on the phone.
whenSignedOut(() => {
  clearOfflineTickets();
  forgetDoorLists();
  if (state.user) set({ status: 'ready', user: null });
});
