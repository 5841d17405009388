import { App, Card, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppError } from '../../../../shared/errors';
import type { PatientDetails, PatientInput } from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { findDuplicates, registerPatient, type PossibleDuplicate } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { duplicateGate } from '../../../../shared/patients/duplicates';
import { DuplicateWarning, type DuplicateResolution } from './duplicate-warning';
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
  const [duplicates, setDuplicates] = useState<{
    found: PossibleDuplicate[];
    gate: ReturnType<typeof duplicateGate>;
  }>();
  // Read by the submit that the warning's own button starts: what the desk typed there.
  const resolution = useRef<DuplicateResolution>(undefined);

  const submit = async (
    input: PatientInput,
    details: PatientDetails,
    acceptDuplicates: boolean,
  ) => {
    try {
      const patient = await registerPatient(services, actorOf(me), input, {
        acceptDuplicates,
        duplicateReason: acceptDuplicates ? resolution.current?.reason : undefined,
        secondRecord: acceptDuplicates ? resolution.current?.officer : undefined,
        photo,
      });
      void message.success(t('patients.register.done', { name: patient.name }));
      navigate(`/patients/${patient.id}`, { replace: true });
    } catch (error) {
      if (!(error instanceof AppError && error.reason === 'possible-duplicate')) throw error;
      const found = await findDuplicates(services.db, actorOf(me), details);
      setDuplicates({ found, gate: duplicateGate(details.idType, found) });
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
        unsavedBesides={photo !== undefined}
        aside={<PhotoCapture value={photo} onChange={setPhoto} />}
        notice={(registerAnyway) =>
          duplicates &&
          duplicates.gate !== 'clear' && (
            <DuplicateWarning
              duplicates={duplicates.found}
              mode={duplicates.gate}
              confirmText={t('patients.duplicates.registerAnyway')}
              onConfirm={(chosen) => {
                resolution.current = chosen;
                registerAnyway();
              }}
            />
          )
        }
      />
    </Card>
  );
};
