import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 放弃已填写的内容？ before a long form throws its typing away (Esc, ×, 取消). The safe answer,
 * 继续填写, has the focus: Enter right after Esc must not lose the typing.
 */
export const useDiscardPrompt = () => {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return useCallback(
    (discard: () => void) =>
      void modal.confirm({
        title: t('common.discard.title'),
        content: t('common.discard.text'),
        okText: t('common.discard.ok'),
        cancelText: t('common.discard.keep'),
        okButtonProps: { danger: true, 'data-testid': 'discard-ok' } as never,
        cancelButtonProps: { 'data-testid': 'discard-keep' } as never,
        autoFocusButton: 'cancel',
        onOk: discard,
      }),
    [modal, t],
  );
};
