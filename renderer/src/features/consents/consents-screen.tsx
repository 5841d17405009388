import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { useSession } from '../../app/session-store';
import { ConsentListPage } from './consent-list-page';
import { ConsentPage } from './consent-page';
import { VisitPlanPage } from './visit-plan-page';

/**
 * /consents (lists), /consents/visit/:visitId (the clinician's plan and the notice to sign; the
 * front desk bills from it too), /consents/:id (one notice: re-checked, printable, voidable).
 */
export const ConsentsScreen = () => {
  const me = useSession((state) => state.staff)!;
  const viewer = (page: React.ReactNode) => (
    <RequirePermission roles={me.roles} permission="consent.view">
      {page}
    </RequirePermission>
  );
  return (
    <Routes>
      <Route index element={viewer(<ConsentListPage />)} />
      <Route
        path="visit/:visitId"
        element={
          <RequirePermission roles={me.roles} permission={['consent.view', 'item.bill']}>
            <VisitPlanPage />
          </RequirePermission>
        }
      />
      <Route path=":consentId" element={viewer(<ConsentPage />)} />
    </Routes>
  );
};
