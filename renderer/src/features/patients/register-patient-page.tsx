import { App, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppError } from '../../../../shared/errors';
import type { PatientDetails, PatientInput } from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { findDuplicates, registerPatient, type PossibleDuplicate } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { DuplicateWarning } from './duplicate-warning';
import { emptyPatientInput, PatientForm } from './patient-form';
import { PhotoCapture } from './photo-capture';

/** First-visit registration (PRODUCT.md §1.2), refusing to make a second record unasked. */
export const RegisterPatientPage = () => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [photo, setPhoto] = useState<Blob>();
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>();

  const submit = async (
    input: PatientInput,
    details: PatientDetails,
    acceptDuplicates: boolean,
  ) => {
    try {
      const patient = await registerPatient(services, actorOf(me), input, {
        acceptDuplicates,
        photo,
      });
      void message.success(t('patients.register.done', { name: patient.name }));
      navigate(`/patients/${patient.id}`, { replace: true });
    } catch (error) {
      if (!(error instanceof AppError && error.reason === 'possible-duplicate')) throw error;
      setDuplicates(await findDuplicates(services.db, details));
    }
  };

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('patients.register.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('patients.register.intro')}</Typography.Paragraph>
      <PatientForm
        defaultValues={emptyPatientInput()}
        autoFocus
        submitText={t('patients.register.submit')}
        cancelText={t('patients.register.cancel')}
        onSubmit={submit}
        onCancel={() => navigate('/patients')}
        aside={<PhotoCapture value={photo} onChange={setPhoto} />}
        notice={(registerAnyway) =>
          duplicates &&
          duplicates.length > 0 && (
            <DuplicateWarning
              duplicates={duplicates}
              confirmText={t('patients.duplicates.registerAnyway')}
              onConfirm={registerAnyway}
            />
          )
        }
      />
    </Card>
  );
};
