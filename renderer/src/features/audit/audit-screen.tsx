import { Alert, Card, Flex, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { queryAudit } from '../../db/audit';
import { toAuditFilter, type AuditFilterValues } from './audit-filter';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { ChainResult, useChainCheck, VerifyChainButton } from './chain-check';

/** Enough for weeks of a small clinic's activity; beyond it the screen asks for a narrower filter. */
const AUDIT_LIMIT = 2000;

/** PRODUCT §7.2: who, when, what, from which device and why — for the owner and the insurance officer. */
export const AuditScreen = () => {
  const { t } = useTranslation();
  const { db, deviceId } = useServices();
  const role = useSession((state) => state.staff?.role);
  const chain = useChainCheck(role);
  const [values, setValues] = useState<AuditFilterValues>({});
  const filter = useMemo(() => toAuditFilter(values), [values]);
  const events = useLiveQuery(() => queryAudit(db, filter, AUDIT_LIMIT), [db, filter]);
  const staff = useLiveQuery(() => db.staff.toArray(), [db]);

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
        <AuditFilters staff={staff ?? []} onChange={setValues} />
        {events?.length === AUDIT_LIMIT && (
          <Alert type="info" showIcon title={t('audit.truncated', { count: AUDIT_LIMIT })} />
        )}
        <AuditTable events={events} thisDeviceId={deviceId} />
      </Space>
    </Card>
  );
};
