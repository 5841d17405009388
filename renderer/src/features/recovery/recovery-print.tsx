import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

export type PrintedCode = {
  code: string;
  clinic: string;
  name: string;
  username: string;
  madeAt: Date;
};

/**
 * What the printer gets: the code with whose it is and how to use it, outside the app's layout so
 * that nothing else on the screen reaches the paper. On screen it is hidden.
 */
export const RecoveryPrint = ({ code, clinic, name, username, madeAt }: PrintedCode) => {
  const { t, i18n } = useTranslation();
  return createPortal(
    <div className="recovery-print" data-testid="recovery-print">
      <h1>{t('recovery.sheet.title')}</h1>
      <p>{t('recovery.sheet.clinic', { clinic })}</p>
      <p>{t('recovery.sheet.owner', { name, username })}</p>
      <p>{t('recovery.sheet.madeAt', { date: madeAt.toLocaleString(i18n.language) })}</p>
      <div className="recovery-code">{code}</div>
      <p>{t('recovery.sheet.use')}</p>
      <p>{t('recovery.nothingElse')}</p>
      <p>{t('recovery.sheet.keep')}</p>
    </div>,
    document.body,
  );
};
