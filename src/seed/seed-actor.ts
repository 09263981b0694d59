import type { Actor, Role } from '../common/actor.js';
import { UsersService } from '../users/users.service.js';

/**
 * The demo account of `role` as the actor of a seed step: demo data is created the way a person of that
 * role would create it, and its changes reach the audit trail under that account like any other.
 */
export async function seedActor(
  users: UsersService,
  accounts: readonly { role: Role; email: string }[],
  role: Role,
): Promise<Actor | null> {
  const email = accounts.find((a) => a.role === role)?.email;
  const user = email ? await users.findByEmail(email) : null;
  return user ? { id: user.id, email: user.email, role: user.role, partnerId: user.partnerId } : null;
}
