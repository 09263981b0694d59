import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function StaffStudioPage() {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Studio media center</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
