import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import {
  browserNotificationPermission,
  requestBrowserNotificationPermission,
} from '../../platform/browser-notifications';

/**
 * Browser mode only: asks the browser, on a click, to let ClinicDesk show notifications. The
 * desktop app shows the OS's notifications without asking.
 */
export const NotificationPermissionButton = ({ size }: { size?: 'small' | 'middle' }) => {
  const { t } = useTranslation();
  const { appInfo } = useServices();
  const [permission, setPermission] = useState(browserNotificationPermission);
  if (appInfo.kind !== 'browser' || permission !== 'default') return null;
  return (
    <Tooltip title={t('today.complaints.notifyHint')}>
      <Button
        size={size}
        data-testid="complaint-notify-permission"
        onClick={() => void requestBrowserNotificationPermission().then(setPermission)}
      >
        {t('today.complaints.notify')}
      </Button>
    </Tooltip>
  );
};
