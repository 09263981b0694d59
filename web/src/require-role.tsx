import type { ComponentChildren } from 'preact';
import type { Role, User } from './api/types';
import { Loading, Notice, PageTitle } from './components/ui';
import { useRequireUser } from './require-user';

export const STAFF_ROLES: readonly Role[] = ['staff', 'admin'];

const WHO: Record<string, string> = {
  'staff,admin': 'petugas Dinkominfo',
  admin: 'admin',
  partner: 'mitra',
};

/**
 * Pages of one role's area: without a session go and log in (and come back); signed in with another
 * role, say so instead of showing a page whose every call the API would refuse with 403.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: (user: User) => ComponentChildren }) {
  const user = useRequireUser();
  if (!user) return <Loading />;
  if (!roles.includes(user.role)) {
    return (
      <>
        <PageTitle>Tidak ada akses</PageTitle>
        <Notice kind="error">Halaman ini hanya untuk {WHO[roles.join(',')] ?? roles.join(', ')}.</Notice>
      </>
    );
  }
  return <>{children(user)}</>;
}
