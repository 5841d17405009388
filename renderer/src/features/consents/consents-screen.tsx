import { Route, Routes } from 'react-router';
import { ConsentListPage } from './consent-list-page';
import { ConsentPage } from './consent-page';
import { VisitPlanPage } from './visit-plan-page';

/**
 * /consents (lists), /consents/visit/:visitId (the clinician's plan and the notice to sign),
 * /consents/:id (one notice: re-checked, printable, voidable).
 */
export const ConsentsScreen = () => (
  <Routes>
    <Route index element={<ConsentListPage />} />
    <Route path="visit/:visitId" element={<VisitPlanPage />} />
    <Route path=":consentId" element={<ConsentPage />} />
  </Routes>
);
