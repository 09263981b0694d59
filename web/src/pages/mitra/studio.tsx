import { PageTitle } from '../../components/ui';
import { RoleGate } from '../../require-role';

export function PartnerStudioPage() {
  return (
    <RoleGate roles={['partner']}>
      {() => (
        <>
          <PageTitle>Jadwal studio</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
