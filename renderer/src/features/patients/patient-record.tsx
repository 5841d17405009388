import { Alert, Card, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useParams } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { openPatient } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { errorMessage } from '../../ui/error-message';
import { EditPatientPage } from './edit-patient-page';
import { PatientDetails } from './patient-details';

type Opening = { id: string; error?: unknown };

/**
 * One patient's record at /patients/:id and its edit form at /patients/:id/edit. Opening it is
 * logged once (PRODUCT.md §3.5), through the repository, which also checks the permission; after
 * that the page follows live changes (another desk editing, a new photo) without logging again.
 */
export const PatientRecord = () => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const { id = '' } = useParams();
  const [opening, setOpening] = useState<Opening>();

  useEffect(() => {
    let current = true;
    openPatient(services, actorOf(me), id).then(
      () => current && setOpening({ id }),
      (error: unknown) => current && setOpening({ id, error }),
    );
    return () => {
      current = false;
    };
    // Opened once per patient: a re-render or a change of the signed-in name is not a new opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const opened = opening?.id === id && !opening.error;
  const patient = useLiveQuery(
    async () => (opened ? services.db.patients.get(id) : undefined),
    [services.db, id, opened],
  );

  if (opening?.id === id && opening.error) {
    return (
      <Card>
        <Alert type="error" showIcon title={errorMessage(t, opening.error)} />
      </Card>
    );
  }
  if (!patient) return <Spin description={t('patients.page.opening')} />;
  return (
    <Routes>
      <Route index element={<PatientDetails patient={patient} />} />
      <Route
        path="edit"
        element={
          <RequirePermission roles={me.roles} permission="patient.edit-identity">
            <EditPatientPage patient={patient} />
          </RequirePermission>
        }
      />
    </Routes>
  );
};
