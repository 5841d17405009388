import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../../shared/visits/visit';
import { ReasonDialog } from '../staff/reason-dialog';

/**
 * Undoing a check-in made for the wrong patient: the visit stays on record, marked cancelled with
 * who and why. The repository refuses once anything rests on it, and the dialog says what.
 */
export const CancelVisitDialog = ({
  open,
  patientName,
  onCancelVisit,
  onClose,
  afterClose,
}: {
  open: boolean;
  patientName: string | undefined;
  onCancelVisit: (reason: string) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      open={open}
      title={t('today.cancelVisit.title', { name: patientName ?? '' })}
      body={t('today.cancelVisit.body')}
      label={t('today.cancelVisit.reason')}
      requiredMessage={t('errors.cancel-visit-reason')}
      placeholder={t('today.cancelVisit.placeholder')}
      maxLength={REASON_MAX}
      submitText={t('today.cancelVisit.confirm')}
      submitTestId="cancel-visit-confirm"
      reasonTestId="cancel-visit-reason"
      onSubmit={onCancelVisit}
      onClose={onClose}
      afterClose={afterClose}
    />
  );
};
