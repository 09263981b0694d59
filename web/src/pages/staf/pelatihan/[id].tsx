import { PageTitle } from '../../../components/ui';
import { RoleGate } from '../../../require-role';

export function StaffTrainingPage(_props: { id: string }) {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Pendaftar pelatihan</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
