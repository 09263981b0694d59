import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function StaffParticipantsPage() {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Peserta</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
