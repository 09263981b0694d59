import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function AdminUsersPage() {
  return (
    <RoleGate roles={['admin']}>
      {() => (
        <>
          <PageTitle>Pengguna</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
