import { AsyncLocalStorage } from 'node:async_hooks';

export type Role = 'admin' | 'staff' | 'partner' | 'participant';
export const ROLES: readonly Role[] = ['admin', 'staff', 'partner', 'participant'];

/** The signed-in user as every layer sees it, taken from the access token and re-checked in the database. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  partnerId: string | null;
}

interface RequestStore {
  actor?: Actor;
  requestId?: string;
}

const storage = new AsyncLocalStorage<RequestStore>();

/** Lets the audit subscriber know who made a change without every service passing the actor along. */
export const RequestContext = {
  run<T>(store: RequestStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestStore | undefined {
    return storage.getStore();
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
  actor(): Actor | undefined {
    return storage.getStore()?.actor;
  },
};
