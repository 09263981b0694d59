import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function ReportsPage() {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Laporan</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
