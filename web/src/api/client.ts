import {
  FIELD_FALLBACK,
  FIELD_MESSAGES,
  GENERAL_ERROR,
  NETWORK_ERROR,
  PROBLEM_MESSAGES,
  STATUS_MESSAGES,
} from '../i18n/id';
import { loginPath, navigate } from '../router';
import type { Problem, TokenPair } from './types';

/**
 * The one way the app talks to the API.
 * - The access token lives in memory only; the refresh token is kept in localStorage so a reload stays
 *   signed in (README: "How the web app keeps you signed in").
 * - A 401 refreshes once (one refresh for any number of parallel 401s: refresh tokens rotate, and a spent
 *   one revokes its whole family), then sends the person to /masuk?next=<where they were>.
 * - Problems become ApiError with Indonesian text for the whole and for each field.
 * - Creating POSTs carry an Idempotency-Key, kept while the same body is retried after a network error.
 */
const API = '/api/v1';
const REFRESH_KEY = 'bm.refreshToken';

let accessToken: string | null = null;
let refreshing: Promise<'ok' | 'denied' | 'offline'> | null = null;
const onSignedOut = new Set<() => void>();

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  /** Indonesian message per field, from problem+json `errors`. */
  readonly fields: Record<string, string>;
  constructor(problem: Problem) {
    super(problemMessage(problem));
    this.status = problem.status;
    this.code = problem.code;
    this.fields = {};
    for (const e of problem.errors ?? []) {
      const field = e.field.split('.')[0];
      this.fields[field] ??= FIELD_MESSAGES[field] ?? FIELD_FALLBACK;
    }
  }
}

/** The request never reached the server (no network, or the server is down). */
export class NetworkError extends Error {
  constructor() {
    super(NETWORK_ERROR);
  }
}

export function problemMessage(problem: Problem): string {
  return (
    (problem.code && (PROBLEM_MESSAGES as Partial<Record<string, string>>)[problem.code]) ||
    STATUS_MESSAGES[problem.status] ||
    GENERAL_ERROR
  );
}

/** The message to show for anything a call threw. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError || err instanceof NetworkError ? err.message : GENERAL_ERROR;
}

export const storedRefreshToken = (): string | null => localStorage.getItem(REFRESH_KEY);
export const hasSession = (): boolean => accessToken !== null || storedRefreshToken() !== null;

export function setTokens(pair: TokenPair): void {
  accessToken = pair.accessToken;
  localStorage.setItem(REFRESH_KEY, pair.refreshToken);
}

export function clearTokens(): void {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}

export function whenSignedOut(listener: () => void): void {
  onSignedOut.add(listener);
}

/** One refresh at a time: every caller waiting on a 401 shares it. */
export function refreshSession(): Promise<'ok' | 'denied' | 'offline'> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return 'denied' as const;
    let res: Response;
    try {
      res = await fetch(`${API}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch {
      return 'offline' as const;
    }
    if (res.ok) {
      setTokens((await res.json()) as TokenPair);
      return 'ok' as const;
    }
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      clearTokens();
      onSignedOut.forEach((l) => l());
      return 'denied' as const;
    }
    return 'offline' as const;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Keys of creating submissions that failed on the network, by what was sent: a retry of the same reuses it. */
const pendingKeys = new Map<string, string>();

export interface RequestOptions {
  body?: unknown;
  /** Needs a signed-in user: without one, or when refreshing fails, the person is sent to log in. */
  auth?: boolean;
  /** A creating POST: sends an Idempotency-Key. */
  idempotent?: boolean;
  /**
   * The Idempotency-Key to send, for a submission kept across reloads (the door scanner's queue): every
   * retry of it, in this tab or after a reload, carries the same key.
   */
  idempotencyKey?: string;
  /** Answer as a Blob (files, images) instead of JSON. */
  blob?: boolean;
  /** Answer as a file: its Blob and the name the server gives it (Content-Disposition). */
  file?: boolean;
  /**
   * A background call (not something the person asked for): a refused session throws ApiError 401 instead
   * of sending the person to /masuk from whatever page they are reading.
   */
  background?: boolean;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, auth = true, idempotent = false } = options;
  const sent = body === undefined ? undefined : JSON.stringify(body);
  const submission = `${method} ${path} ${sent ?? ''}`;
  let key: string | undefined = options.idempotencyKey;
  if (idempotent && !key) {
    key = pendingKeys.get(submission) ?? crypto.randomUUID();
    pendingKeys.set(submission, key);
  }
  if (auth && !accessToken) {
    const refreshed = await refreshSession();
    if (refreshed === 'offline') throw new NetworkError();
    if (refreshed === 'denied') return sendToLogin(options.background);
  }
  const attempt = async (): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (sent !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && accessToken) headers.Authorization = `Bearer ${accessToken}`;
    if (key) headers['Idempotency-Key'] = key;
    try {
      return await fetch(`${API}${path}`, { method, headers, body: sent });
    } catch {
      throw new NetworkError();
    }
  };
  let res = await attempt();
  if (res.status === 401 && auth) {
    const refreshed = await refreshSession();
    if (refreshed === 'offline') throw new NetworkError();
    if (refreshed === 'ok') res = await attempt();
    if (refreshed === 'denied' || res.status === 401) {
      clearTokens();
      onSignedOut.forEach((l) => l());
      return sendToLogin(options.background);
    }
  }
  // An answer came back: the submission is settled, a new one gets a new key.
  if (key && !options.idempotencyKey) pendingKeys.delete(submission);
  if (!res.ok) throw new ApiError(await readProblem(res));
  if (options.blob) return (await res.blob()) as T;
  if (options.file) {
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? null;
    return { blob: await res.blob(), filename: name } as T;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Problem;
    return { ...body, status: res.status };
  } catch {
    return { status: res.status };
  }
}

function sendToLogin(background = false): never {
  if (!background) navigate(loginPath(), { replace: true });
  throw new ApiError({ status: 401, code: 'unauthorized' });
}
