import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function AdminAuditPage() {
  return (
    <RoleGate roles={['admin']}>
      {() => (
        <>
          <PageTitle>Jejak audit</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
