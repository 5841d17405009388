import { Alert, App, Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OldStore } from '../../db/active-store';
import { deleteOldStore, listOldStores, type OldStoreAccess } from '../../db/old-stores';
import { clinicMinute } from './backup-words';
import { useOwnerPassword } from './owner-password';

/** Where the page keeps its stores and the list of old ones (db/old-stores.ts says why here). */
const pageStores = (): OldStoreAccess => ({ storage: localStorage, directory: indexedDB });

/**
 * The stores restores left on this PC, with when each was replaced; the owner deletes one with
 * their own password (hardening item 14).
 */
export const OldStoresCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const owner = useOwnerPassword();
  const [stores, setStores] = useState<OldStore[] | 'failed'>();
  const access = useMemo(() => pageStores(), []);

  const refresh = useCallback(
    () =>
      listOldStores(access).then(setStores, (error: unknown) => {
        console.error('old stores not listed', error);
        setStores('failed');
      }),
    [access],
  );
  useEffect(() => void refresh(), [refresh]);

  const remove = (store: OldStore) =>
    owner.ask('oldStore', async (change) => {
      await deleteOldStore(change, access, store.name);
      void message.success(t('backups.oldStores.deleted'));
      await refresh();
    });

  const columns: ColumnsType<OldStore> = [
    {
      title: t('backups.oldStores.replacedAt'),
      dataIndex: 'replacedAt',
      width: 170,
      render: (at: string | undefined) =>
        at ? clinicMinute(at) : t('backups.oldStores.unknownDate'),
    },
    {
      title: t('backups.oldStores.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text type="secondary">{name}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, store) => (
        <Button danger size="small" onClick={() => remove(store)} data-testid="old-store-delete">
          {t('backups.oldStores.delete')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={t('backups.oldStores.title')} data-testid="old-stores">
      <Typography.Paragraph type="secondary">{t('backups.oldStores.intro')}</Typography.Paragraph>
      {stores === 'failed' ? (
        <Alert type="error" showIcon title={t('backups.oldStores.listFailed')} />
      ) : (
        <Table
          rowKey="name"
          size="small"
          loading={stores === undefined}
          columns={columns}
          dataSource={stores}
          pagination={false}
          locale={{ emptyText: t('backups.oldStores.empty') }}
          onRow={() => ({ 'data-testid': 'old-store-row' }) as object}
        />
      )}
      {owner.dialog}
    </Card>
  );
};
