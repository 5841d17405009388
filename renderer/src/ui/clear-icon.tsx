import { CloseCircleFilled } from '@ant-design/icons';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The × of a clearable Select, DatePicker or Input, given to all of them by app-root's
 * ConfigProvider (and to an Input's `allowClear`). antd 6 renders it inside a `<button>` that is
 * a Tab stop labelled "Clear" in every language: after choosing a patient, Tab landed on it and
 * the next keystrokes were lost. antd has no prop for the button's tabIndex, so the icon takes
 * its own button out of the Tab order and names it in the UI's language. The mouse clears as
 * before; from the keyboard a choice is changed by making another one.
 */
export const ClearIcon = () => {
  const { t } = useTranslation();
  const label = t('common.clear');
  const untab = useCallback(
    (icon: HTMLElement | null) => {
      const button = icon?.closest('button');
      if (!button) return;
      button.tabIndex = -1;
      button.setAttribute('aria-label', label);
    },
    [label],
  );
  return <CloseCircleFilled ref={untab} />;
};
