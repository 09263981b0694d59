export type Role = 'admin' | 'staff' | 'partner' | 'participant';
export const ROLES: readonly Role[] = ['admin', 'staff', 'partner', 'participant'];

/**
 * The signed-in user as every layer sees it, taken from the access token and re-checked in the database,
 * and the request it acts in. Services get it as an argument and hand it to `UnitOfWork.run`, which is how
 * the audit trail learns who made a change (passed explicitly rather than through AsyncLocalStorage, whose
 * promise hooks cost more CPU per request on Node 20 than the whole registration: docs/scaling.md).
 */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  partnerId: string | null;
  /** The X-Request-Id of the request, written into the audit rows of its changes. */
  requestId?: string;
}

/** Dinkominfo's own people: staff and admins may act on every training, partner and booking. */
export const isStaff = (actor?: Pick<Actor, 'role'> | null): boolean =>
  actor?.role === 'admin' || actor?.role === 'staff';
