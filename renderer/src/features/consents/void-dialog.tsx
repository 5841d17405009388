import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../../shared/consents/consent';
import { PLAN_TEXT_MAX } from '../../../../shared/consents/planned-item';
import { ReasonDialog } from '../staff/reason-dialog';

/**
 * Voiding a signed notice (PRODUCT.md §2.5): it stays on file as it was, with who, when and why;
 * its items can then be changed and signed again as the next version.
 */
export const VoidDialog = ({
  open,
  consent,
  onVoid,
  onClose,
  afterClose,
}: {
  open: boolean;
  consent: Pick<Consent, 'content'> | undefined;
  onVoid: (reason: string) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      open={open}
      title={t('consents.void.title', { version: consent?.content.version })}
      body={t('consents.void.body')}
      label={t('consents.void.reason')}
      requiredMessage={t('consents.void.required')}
      placeholder={t('consents.void.placeholder')}
      maxLength={PLAN_TEXT_MAX}
      showCount
      submitText={t('consents.void.confirm')}
      submitTestId="void-confirm"
      reasonTestId="void-reason"
      onSubmit={(reason) => onVoid(reason.trim())}
      onClose={onClose}
      afterClose={afterClose}
    />
  );
};
