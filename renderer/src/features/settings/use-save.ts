import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';

/** Runs a save, shows "saved" or the error's sentence, and tracks the busy state. */
export const useSave = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (save: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await save();
      void message.success(t('settings.saved'));
      return true;
    } catch (error) {
      void message.error(errorMessage(t, error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
};
