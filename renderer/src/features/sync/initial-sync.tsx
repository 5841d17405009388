import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Progress, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { SNAPSHOT_PARTS } from '../../../../shared/sync/snapshot-parts';
import { useServices } from '../../app/services';
import { readHubLink } from '../../sync/engine';
import { readInitialSync, type InitialSync } from '../../sync/initial-state';
import { useSyncStatus } from './sync-status';

/**
 * Whether this PC holds the whole clinic: true when it is not linked to a hub, or once its
 * initial sync is complete; undefined while reading. Read from the store, so a PC that was shut
 * down halfway through its first sync still knows it is not complete.
 */
export const useInitialSync = (): { complete: boolean; state?: InitialSync } | undefined => {
  const { db } = useServices();
  return useLiveQuery(async () => {
    if (!(await readHubLink(db))) return { complete: true };
    const state = await readInitialSync(db);
    return { complete: state.complete, state };
  }, [db]);
};

/** Never 100 % before the sync is complete. */
export const initialPercent = (applied: number, total: number) =>
  total > 0 ? Math.min(99, Math.floor((applied / total) * 100)) : 0;

/** The first sync's progress: counts, an estimate of the time left, and which parts are in. */
export const InitialSyncProgress = () => {
  const { t, i18n } = useTranslation();
  const { clock } = useServices();
  const initial = useInitialSync();
  const live = useSyncStatus((s) => s.status.initial);
  const syncing = useSyncStatus((s) => s.status.state === 'syncing');
  if (!initial || initial.complete) return null;
  const applied = live?.applied ?? initial.state?.applied ?? 0;
  const total = live?.total ?? applied;
  const partsDone = live?.partsDone ?? initial.state?.partsDone ?? [];
  const elapsed = live ? clock.now() - live.startedAt : 0;
  const rate = live && elapsed > 5_000 ? (live.applied - live.startedApplied) / elapsed : 0;
  // No estimate while offline: it would only say how long the network has been down.
  const minutesLeft =
    syncing && rate > 0 ? Math.ceil((total - applied) / rate / 60_000) : undefined;
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <Flex vertical gap={8} data-testid="sync-initial" data-parts={partsDone.join(' ')}>
      <Typography.Text strong>{t('sync.initial.title')}</Typography.Text>
      {total > applied && <Progress percent={initialPercent(applied, total)} status="active" />}
      <Typography.Text type="secondary" data-testid="sync-initial-counts">
        {total > applied
          ? t('sync.initial.counts', { applied: number(applied), total: number(total) })
          : applied > 0
            ? t('sync.initial.received', { applied: number(applied) })
            : t('sync.initial.starting')}
        {minutesLeft !== undefined &&
          ` · ${
            minutesLeft <= 1
              ? t('sync.initial.etaSoon')
              : t('sync.initial.eta', { minutes: minutesLeft })
          }`}
      </Typography.Text>
      <Flex gap={16} wrap>
        {SNAPSHOT_PARTS.map((part) => (
          <Typography.Text
            key={part}
            type={partsDone.includes(part) ? 'success' : 'secondary'}
            data-testid={`sync-initial-${part}`}
          >
            {partsDone.includes(part) ? <CheckCircleFilled /> : <ClockCircleOutlined />}{' '}
            {t(`sync.initial.parts.${part}`)}
          </Typography.Text>
        ))}
      </Flex>
      <Typography.Text type="secondary">{t('sync.initial.resumes')}</Typography.Text>
    </Flex>
  );
};

/**
 * Said on a screen that would judge from partial data (the daily review, later reports and
 * disposal) while this PC's first sync is not complete; the screen keeps its actions disabled.
 */
export const InitialSyncNotice = ({ what }: { what: string }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sync-initial-gate"
      title={t('sync.initial.gate', { what })}
      description={<InitialSyncProgress />}
    />
  );
};
