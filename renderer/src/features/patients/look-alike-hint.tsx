import { Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { lookAlikes } from '../../../../shared/patients/duplicates';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { lastVisitDates } from '../../db/visits';

/**
 * For the lines of a list a person could take for one another: their last visit, looked up only
 * for those few. `undefined` for a line that needs no telling apart.
 */
export const useLookAlikeVisits = (patients: readonly Patient[]) => {
  const { db } = useServices();
  const actor = useActor();
  const ids = [...lookAlikes(patients)].sort();
  const key = ids.join(',');
  const visits = useLiveQuery(() => lastVisitDates(db, actor, ids), [db, actor, key]);
  return (patient: Patient): { lastVisit: string | undefined } | undefined =>
    ids.includes(patient.id) ? { lastVisit: visits?.get(patient.id) } : undefined;
};

/** What tells this line apart from its look-alike, and the mark of a shared ID number. */
export const LookAlikeHint = ({
  patient,
  lookAlike,
}: {
  patient: Pick<Patient, 'sameIdApproval'>;
  lookAlike: { lastVisit: string | undefined } | undefined;
}) => {
  const { t } = useTranslation();
  return (
    <>
      {patient.sameIdApproval && (
        <Tag color="red" data-testid="same-id-flag">
          {t('patients.duplicates.sameIdFlag')}
        </Tag>
      )}
      {lookAlike && (
        <Typography.Text type="secondary" data-testid="look-alike-hint">
          {lookAlike.lastVisit
            ? t('patients.duplicates.lastVisit', { date: lookAlike.lastVisit })
            : t('patients.duplicates.noVisit')}
        </Typography.Text>
      )}
    </>
  );
};
