import { Modal, Progress, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { ConnectForm } from './connect-form';

/**
 * A new PC joins a clinic that already uses ClinicDesk: no wizard, no throwaway owner. Once the
 * clinic's accounts have arrived the app moves on to the login screen by itself.
 */
export const JoinDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const [joined, setJoined] = useState(false);
  const received = useLiveQuery(() => db.auditEvents.count(), [db]) ?? 0;
  return (
    <Modal
      open={open}
      title={t('sync.join.title')}
      footer={null}
      onCancel={joined ? undefined : onClose}
      closable={!joined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {joined ? (
        <div data-testid="sync-join-progress">
          <Progress percent={100} status="active" showInfo={false} />
          <Typography.Paragraph>
            {received > 0 ? t('sync.join.progress', { count: received }) : t('sync.join.waiting')}
          </Typography.Paragraph>
        </div>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('sync.connect.hint')}</Typography.Paragraph>
          <ConnectForm onConnected={() => setJoined(true)} />
        </>
      )}
    </Modal>
  );
};
