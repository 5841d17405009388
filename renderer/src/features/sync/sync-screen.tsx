import { App, Alert, Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useServices } from '../../app/services';
import type { SyncIssue } from '../../db/database';
import { readSetting } from '../../db/settings';
import { readHubLink, type HubLink } from '../../sync/engine';
import { ConnectForm } from './connect-form';
import { HostCard } from './host-card';
import { InitialSyncProgress } from './initial-sync';
import { issueCause } from './issue-kind';
import { Pairing } from './pairing-card';
import { UpdateNeeded } from './update-needed';
import { SyncIndicator } from './sync-indicator';
import { useSyncStatus } from './sync-status';

/** A clock further off than this from the hub's is named on screen. */
const CLOCK_WARNING_MS = 5 * 60_000;

/**
 * The owner's Sync screen: connect this PC to the clinic's hub; once connected, where sync
 * stands, pairing codes for new workstations, and the paired devices (with revoke).
 */
export const SyncScreen = () => {
  const { t } = useTranslation();
  const { db } = useServices();
  const link = useLiveQuery(async () => (await readHubLink(db)) ?? null, [db]);
  const clinic = useLiveQuery(() => readSetting(db, 'clinic'), [db]);
  const { message } = App.useApp();

  return (
    <Card>
      <Typography.Title level={3}>{t('sync.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sync.intro')}</Typography.Paragraph>
      {link !== undefined && <HostCard link={link} clinicName={clinic?.name} />}
      {link === undefined ? null : link === null ? (
        <Card size="small" title={t('sync.connect.title')}>
          <Typography.Paragraph type="secondary">{t('sync.connect.hint')}</Typography.Paragraph>
          <ConnectForm
            confirmJoin
            {...(clinic?.name ? { clinicName: clinic.name } : {})}
            onConnected={(linked) =>
              void message.success(t('sync.connect.done', { clinic: linked.clinicName }))
            }
          />
        </Card>
      ) : (
        <Linked link={link} />
      )}
    </Card>
  );
};

const Linked = ({ link }: { link: HubLink }) => {
  const { t, i18n } = useTranslation();
  const { appInfo } = useServices();
  const { status, poke } = useSyncStatus();
  const offMinutes =
    status.clockOffsetMs !== undefined && Math.abs(status.clockOffsetMs) > CLOCK_WARNING_MS
      ? Math.round(Math.abs(status.clockOffsetMs) / 60_000)
      : undefined;
  return (
    <Flex vertical gap={16}>
      {offMinutes !== undefined && (
        <Alert
          type="warning"
          showIcon
          data-testid="sync-clock-warning"
          title={t('sync.clockWarning', {
            minutes: offMinutes,
            device: appInfo.kind === 'browser' ? t('shell.browserDevice') : appInfo.deviceName,
          })}
        />
      )}
      {status.error && status.state !== 'online' && (
        <Alert
          type={status.state === 'offline' ? 'warning' : 'error'}
          showIcon
          title={i18n.language === 'en' ? status.error.en : status.error.zh}
          data-testid="sync-error"
        />
      )}
      <UpdateNeeded />
      <InitialSyncProgress />
      <SyncIssues />
      <Descriptions bordered size="small" column={1} data-testid="sync-linked">
        <Descriptions.Item label={t('sync.linked.clinic')}>{link.clinicName}</Descriptions.Item>
        <Descriptions.Item label={t('sync.linked.url')}>
          <Typography.Text copyable className="patient-mono">
            {link.url}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.linked.lastSync')}>
          <span data-testid="sync-last">
            {status.lastSyncAt
              ? new Date(status.lastSyncAt).toLocaleString(i18n.language)
              : t('sync.never')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.linked.status')}>
          <Flex gap={8} align="center">
            <SyncIndicator canManage={false} />
            <Button size="small" onClick={poke} data-testid="sync-now">
              {t('sync.linked.syncNow')}
            </Button>
          </Flex>
        </Descriptions.Item>
      </Descriptions>
      {status.state === 'revoked' && (
        <Card size="small" title={t('sync.repair.title')}>
          <Typography.Paragraph type="secondary">{t('sync.repair.text')}</Typography.Paragraph>
          <ConnectForm onConnected={() => undefined} url={link.url} />
        </Card>
      )}
      {link.admin ? (
        <Pairing link={link} />
      ) : (
        <Alert type="info" title={t('sync.pairing.adminOnly')} />
      )}
    </Flex>
  );
};

/**
 * What went wrong, in the reader's words: a refusal names who did what; anything else says what
 * it means and what to do, with the merge's own detail beneath for support.
 */
const issueDetail = (t: TFunction, issue: SyncIssue) => {
  const refusal = issue.refusal;
  if (!refusal)
    return (
      <Flex vertical>
        <span>{t(`sync.issues.causes.${issueCause(issue)}`)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {issue.detail}
        </Typography.Text>
      </Flex>
    );
  return t(`sync.issues.refused.${refusal.reason}`, {
    name: refusal.actorName || refusal.actorId,
    role: refusal.role ? t(`common.roles.${refusal.role}`) : '—',
    act: `${t(`audit.entities.${refusal.entity}`)} · ${t(`audit.actions.${refusal.action}`)}`,
  });
};

/**
 * Changes that could not be applied, and merge alarms (one content under two ids, a broken
 * invariant): never hidden, since one may be a consent a patient really signed.
 */
const SyncIssues = () => {
  const { t } = useTranslation();
  const { db } = useServices();
  const issues = useLiveQuery(
    () =>
      db.syncIssues
        .orderBy('at')
        .reverse()
        .filter((issue) => issue.kind !== 'newer')
        .limit(100)
        .toArray(),
    [db],
  );
  if (!issues || issues.length === 0) return null;
  // A refusal is the owner's to check; anything else (a merge that failed, an alarm) is support's.
  const refused = issues.filter((issue) => issue.refusal).length;
  const others = issues.length - refused;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="sync-issues"
      title={
        <Flex vertical gap={4}>
          {others > 0 && <span>{t('sync.issues.title', { count: others })}</span>}
          {refused > 0 && <span>{t('sync.issues.refusedTitle', { count: refused })}</span>}
        </Flex>
      }
      description={
        <Table<SyncIssue>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={issues}
          columns={[
            { title: t('sync.issues.at'), render: (_, i) => new Date(i.at).toLocaleString() },
            {
              title: t('sync.issues.kind'),
              render: (_, i) => t(`sync.issues.kinds.${i.refusal ? 'refused' : i.kind}`),
            },
            {
              title: t('sync.issues.record'),
              render: (_, i) =>
                `${t(`backups.restore.tables.${i.table}`, { defaultValue: i.table })} · ${i.entityId}`,
            },
            { title: t('sync.issues.detail'), render: (_, i) => issueDetail(t, i) },
          ]}
        />
      }
    />
  );
};
