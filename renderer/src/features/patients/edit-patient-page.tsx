import { App, Card, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppError } from '../../../../shared/errors';
import type { Patient } from '../../../../shared/patients/patient';
import {
  IDENTITY_FIELDS,
  type PatientDetails,
  type PatientInput,
} from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { findDuplicates, updatePatient, type PossibleDuplicate } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { errorMessage } from '../../ui/error-message';
import { duplicateGate } from '../../../../shared/patients/duplicates';
import { DuplicateWarning } from './duplicate-warning';
import { PatientForm } from './patient-form';
import { ReasonDialog, type IdentityChange } from './reason-dialog';

const toInput = (patient: Patient): PatientInput => ({
  name: patient.name,
  sex: patient.sex,
  birthDate: patient.birthDate,
  idType: patient.idType,
  idNumber: patient.idNumber,
  phone: patient.phone ?? '',
  insuredRegion: {
    province: patient.insuredRegion?.province ?? '',
    city: patient.insuredRegion?.city ?? '',
  },
  scheme: patient.scheme,
  cardNumber: patient.cardNumber ?? '',
  priorReimbursements: patient.priorReimbursements ?? '',
  notes: patient.notes,
  guardian: {
    name: patient.guardian?.name ?? '',
    relation: patient.guardian?.relation,
    phone: patient.guardian?.phone ?? '',
    idType: patient.guardian?.idType ?? 'resident',
    idNumber: patient.guardian?.idNumber ?? '',
  },
});

type Pending = { input: PatientInput; details: PatientDetails; acceptDuplicates: boolean };

/** Changes a registration: the same form, and a reason whenever identity changes. */
export const EditPatientPage = ({ patient }: { patient: Patient }) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [defaults] = useState(() => toInput(patient));
  const [asking, setAsking] = useState<Pending>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>();
  // The duplicate warning's reason, for a change that is not an identity change of its own.
  const duplicateReason = useRef('');

  const identityChanges = (details: PatientDetails): IdentityChange[] =>
    IDENTITY_FIELDS.filter((field) => patient[field] !== details[field]).map((field) => ({
      field,
      from: field === 'idType' ? t(`patients.idTypes.${patient.idType}`) : patient[field],
      to: field === 'idType' ? t(`patients.idTypes.${details.idType}`) : details[field],
    }));

  const save = async ({ input, details, acceptDuplicates }: Pending, why: string) => {
    try {
      const because = acceptDuplicates && !why.trim() ? duplicateReason.current : why;
      const saved = await updatePatient(services, actorOf(me), patient.id, input, because, {
        acceptDuplicates,
      });
      void message.success(t('patients.edit.done', { name: saved.name }));
      navigate(`/patients/${patient.id}`, { replace: true });
    } catch (error) {
      const refused = error instanceof AppError ? error.reason : undefined;
      if (refused !== 'possible-duplicate' && refused !== 'same-id-number') throw error;
      setDuplicates(await findDuplicates(services.db, actorOf(me), details, patient.id));
    }
  };

  const submit = async (
    input: PatientInput,
    details: PatientDetails,
    acceptDuplicates: boolean,
  ) => {
    const pending = { input, details, acceptDuplicates };
    if (identityChanges(details).length > 0 && reason === '') setAsking(pending);
    else await save(pending, reason);
  };

  const confirmReason = async (why: string) => {
    if (!asking) return;
    setReason(why);
    setBusy(true);
    try {
      await save(asking, why);
      setAsking(undefined);
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('patients.edit.title', { name: patient.name })}
      </Typography.Title>
      <PatientForm
        defaultValues={defaults}
        autoFocus
        submitText={t('patients.edit.submit')}
        cancelText={t('patients.edit.cancel')}
        onSubmit={submit}
        onCancel={() => navigate(`/patients/${patient.id}`)}
        notice={(saveAnyway) =>
          duplicates &&
          duplicates.length > 0 && (
            <DuplicateWarning
              duplicates={duplicates}
              // An edit never takes another person's resident ID number, approved or not.
              mode={duplicateGate(patient.idType, duplicates) === 'officer' ? 'blocked' : 'reason'}
              confirmText={t('patients.duplicates.saveAnyway')}
              onConfirm={({ reason: why }) => {
                duplicateReason.current = why;
                saveAnyway();
              }}
            />
          )
        }
      />
      <ReasonDialog
        changes={asking ? identityChanges(asking.details) : []}
        busy={busy}
        onConfirm={confirmReason}
        onCancel={() => setAsking(undefined)}
      />
    </Card>
  );
};
