import { Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectForm } from './connect-form';
import { InitialSyncProgress } from './initial-sync';

/**
 * A new PC joins a clinic that already uses ClinicDesk: no wizard, no throwaway owner. Once the
 * clinic's accounts have arrived the app moves on to the login screen by itself.
 */
export const JoinDialog = ({
  open,
  linked = false,
  onClose,
}: {
  open: boolean;
  /** This PC is paired already, its accounts still on their way (the desktop reloads once paired). */
  linked?: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const [joinedHere, setJoined] = useState(false);
  const joined = joinedHere || linked;
  return (
    <Modal
      open={open}
      title={t('sync.join.title')}
      footer={null}
      // Closable again after a reload: a hub that never answers must not hold the PC captive.
      onCancel={joinedHere ? undefined : onClose}
      closable={!joinedHere}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {joined ? (
        <div data-testid="sync-join-progress">
          <InitialSyncProgress />
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
