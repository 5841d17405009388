import { Alert, Card, Flex, Space, Switch, Tooltip, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { useActor } from '../../app/use-actor';
import { queryAudit } from '../../db/audit';
import { toAuditFilter, type AuditFilterValues } from './audit-filter';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { useRecordNames } from './record-names';
import { ChainResult, useChainCheck, VerifyChainButton } from './chain-check';

/** Enough for weeks of a small clinic's activity; beyond it the screen asks for a narrower filter. */
const AUDIT_LIMIT = 2000;

/** PRODUCT §7.2: who, when, what, from which device and why — for the owner and the insurance officer. */
export const AuditScreen = () => {
  const { t } = useTranslation();
  const { db, deviceId } = useServices();
  const roles = useSession((state) => state.staff?.roles);
  const chain = useChainCheck(roles);
  const [values, setValues] = useState<AuditFilterValues>({});
  const filter = useMemo(() => toAuditFilter(values), [values]);
  const actor = useActor();
  const events = useLiveQuery(
    () => queryAudit(db, actor, filter, AUDIT_LIMIT),
    [db, actor, filter],
  );
  const staff = useLiveQuery(() => db.staff.toArray(), [db]);
  const [raw, setRaw] = useState(false);
  const names = useRecordNames(events, staff);

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex justify="space-between" align="start" gap="middle">
          <div>
            <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('audit.intro')}
            </Typography.Paragraph>
          </div>
          <VerifyChainButton check={chain} />
        </Flex>
        {chain.outcome && <ChainResult outcome={chain.outcome} />}
        {chain.outcome && 'report' in chain.outcome && chain.outcome.report.anchorFailing && (
          <Alert
            type="warning"
            showIcon
            title={t('audit.chain.anchorFailing')}
            data-testid="anchor-failing"
          />
        )}
        <Flex justify="space-between" align="start" gap="middle" wrap>
          <AuditFilters staff={staff ?? []} onChange={setValues} />
          <Tooltip title={t('audit.rawHint')}>
            <Space>
              <Switch size="small" checked={raw} onChange={setRaw} data-testid="audit-raw" />
              <Typography.Text>{t('audit.raw')}</Typography.Text>
            </Space>
          </Tooltip>
        </Flex>
        {events?.length === AUDIT_LIMIT && (
          <Alert type="info" showIcon title={t('audit.truncated', { count: AUDIT_LIMIT })} />
        )}
        <AuditTable events={events} thisDeviceId={deviceId} names={names} raw={raw} />
      </Space>
    </Card>
  );
};
