import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { useSession } from '../../app/session-store';
import { PatientRecord } from './patient-record';
import { PatientSearch } from './patient-search';
import { RegisterPatientPage } from './register-patient-page';
import './patients.css';

/** /patients (search), /patients/new (registration), /patients/:id (the patient's record). */
export const PatientsScreen = () => {
  const me = useSession((state) => state.staff)!;
  return (
    <Routes>
      <Route index element={<PatientSearch />} />
      <Route
        path="new"
        element={
          <RequirePermission roles={me.roles} permission="patient.register">
            <RegisterPatientPage />
          </RequirePermission>
        }
      />
      <Route path=":id/*" element={<PatientRecord />} />
    </Routes>
  );
};
