import { Card, Flex, Tabs, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { today as clinicToday } from '../../../../shared/clock/calendar-date';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { listConsents } from '../../db/consents';
import { ConsentFilters } from './consent-filters';
import { toConsentFilter, type ConsentFilterValues } from './consent-list-filter';
import { ConsentTable, ConsentTotals } from './consent-table';
import { UnsignedItemsTable, useUnsignedItems } from './unsigned-items-table';

/** /consents — notices by day, patient, clinician and state, and today's unsigned items. */
export const ConsentListPage = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const today = clinicToday(clock);
  const [values, setValues] = useState<ConsentFilterValues>({});
  const filter = useMemo(() => toConsentFilter(values, today), [values, today]);
  const actor = useActor();
  const rows = useLiveQuery(() => listConsents(db, actor, filter), [db, actor, filter]);
  const staff = useLiveQuery(() => db.staff.toArray(), [db]);
  const unsigned = useUnsignedItems(today);

  const consentsTab = (
    <Flex vertical gap={12}>
      <ConsentFilters staff={staff ?? []} today={today} onChange={setValues} />
      <ConsentTotals rows={rows ?? []} />
      <ConsentTable rows={rows} />
    </Flex>
  );
  const unsignedTab = (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('notice.unsigned.intro')}
      </Typography.Paragraph>
      <UnsignedItemsTable rows={unsigned} />
    </Flex>
  );

  return (
    <Card>
      <Typography.Title level={3}>{t('notice.list.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'consents',
            label: t('notice.list.tabs.consents', { count: rows?.length ?? 0 }),
            children: consentsTab,
          },
          {
            key: 'unsigned',
            label: t('notice.list.tabs.unsigned', { count: unsigned?.length ?? 0 }),
            children: unsignedTab,
          },
        ]}
      />
    </Card>
  );
};
