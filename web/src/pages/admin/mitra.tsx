import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function AdminPartnersPage() {
  return (
    <RoleGate roles={['admin']}>
      {() => (
        <>
          <PageTitle>Mitra</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
