import { PageTitle } from '../../../components/ui';
import { RoleGate } from '../../../require-role';

export function StaffTrainingsPage() {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Kelola pelatihan</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
