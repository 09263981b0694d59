import { PageTitle } from '../../../../components/ui';
import { RoleGate } from '../../../../require-role';

export function ScannerPage(_props: { id: string }) {
  return (
    <RoleGate roles={['staff', 'admin']}>
      {() => (
        <>
          <PageTitle>Pemindai pintu</PageTitle>
        </>
      )}
    </RoleGate>
  );
}
