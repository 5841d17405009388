import {
  CheckCircleOutlined,
  CloudOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  StopOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncState } from '../../sync/engine';
import { initialPercent } from './initial-sync';
import { useSyncStatus } from './sync-status';
import { useKeptForUpdate } from './update-needed';

const look: Record<SyncState, { color: string; icon: React.ReactNode }> = {
  off: { color: 'default', icon: <CloudOutlined /> },
  syncing: { color: 'processing', icon: <SyncOutlined spin /> },
  online: { color: 'success', icon: <CheckCircleOutlined /> },
  offline: { color: 'warning', icon: <DisconnectOutlined /> },
  error: { color: 'error', icon: <ExclamationCircleOutlined /> },
  revoked: { color: 'error', icon: <StopOutlined /> },
};

/** The shell's sync light, for everyone: state, pending changes, and the last good exchange. */
export const SyncIndicator = ({ canManage }: { canManage: boolean }) => {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus((s) => s.status);
  const kept = useKeptForUpdate();
  const { color, icon } = look[status.state];
  const detail = [
    status.pending > 0 ? t('sync.pending', { count: status.pending }) : undefined,
    status.lastSyncAt
      ? t('sync.lastSync', {
          time: new Date(status.lastSyncAt).toLocaleTimeString(i18n.language),
        })
      : status.state !== 'off'
        ? t('sync.never')
        : undefined,
    status.error ? (i18n.language === 'en' ? status.error.en : status.error.zh) : undefined,
    kept > 0 ? t('sync.update.title') : undefined,
  ].filter(Boolean);
  const tag = (
    <Tag color={color} icon={icon} data-testid="sync-indicator" data-state={status.state}>
      {status.initial && status.state === 'syncing'
        ? t('sync.initial.indicator', {
            percent: initialPercent(status.initial.applied, status.initial.total),
          })
        : t(`sync.state.${status.state}`)}
      {status.pending > 0 ? ` · ${status.pending}` : ''}
      {kept > 0 ? ` · ${t('sync.update.tag')}` : ''}
    </Tag>
  );
  return (
    <Tooltip title={detail.length > 0 ? detail.join(' · ') : undefined}>
      {canManage ? <Link to="/sync">{tag}</Link> : tag}
    </Tooltip>
  );
};
