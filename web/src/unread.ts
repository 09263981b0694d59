import { useEffect, useState } from 'preact/hooks';
import { api } from './api/client';
import type { NotificationPage } from './api/types';

/**
 * The signed-in person's unread notification count, shown in the navigation. It is asked for on
 * navigation and when the app regains focus, but at most once a minute (a phone on a slow network
 * should not pay a request per tap); marking one read and opening the notifications page set it at
 * once from their own answers.
 */
export const UNREAD_MAX_AGE_MS = 60_000;

let count = 0;
let owner: string | null = null;
let fetchedAt = 0;
let inFlight: { userId: string; done: Promise<void> } | null = null;
const listeners = new Set<(n: number) => void>();

/** A count the app learned from an answer it already has (the notifications page, a read mark). */
export function setUnread(userId: string, n: number): void {
  owner = userId;
  fetchedAt = Date.now();
  if (n === count) return;
  count = n;
  listeners.forEach((l) => l(count));
}

/** The count of the user now signed in, from the API unless a fresh one (under a minute old) is known. */
export function refreshUnread(userId: string | null, options: { force?: boolean } = {}): Promise<void> {
  if (!userId) {
    owner = null;
    fetchedAt = 0;
    if (count !== 0) {
      count = 0;
      listeners.forEach((l) => l(count));
    }
    return Promise.resolve();
  }
  const fresh = owner === userId && Date.now() - fetchedAt < UNREAD_MAX_AGE_MS;
  if (inFlight?.userId === userId) return inFlight.done;
  if (fresh && !options.force) return Promise.resolve();
  // Another person's count is never shown, not even for the moment this one's is on its way.
  if (owner !== userId) setUnread(userId, 0);
  // Counted from when it was asked for, so a failing network is not asked again on every tap.
  fetchedAt = Date.now();
  const done = api<NotificationPage>('GET', '/me/notifications?limit=1', { background: true })
    .then((page) => {
      if (owner === userId) setUnread(userId, page.meta.unreadCount);
    })
    // Offline or refused: the navigation keeps the last count; the pages themselves say what went wrong.
    .catch(() => undefined)
    .finally(() => {
      if (inFlight?.done === done) inFlight = null;
    });
  inFlight = { userId, done };
  return done;
}

export function useUnreadCount(): number {
  const [n, setN] = useState(count);
  useEffect(() => {
    listeners.add(setN);
    setN(count);
    return () => void listeners.delete(setN);
  }, []);
  return n;
}
