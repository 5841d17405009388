import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../db/write';
import { formatBytes } from './backup-words';
import { useOwnerPassword } from './owner-password';
import { RestorePreview } from './restore-preview';
import { useRestore } from './use-restore';

type Values = { passphrase: string };

/**
 * "Restore from file…": choose → passphrase → read and verify → preview → confirm. `actor` is
 * who restores: the owner on the Backups screen, or the first-run setup on a new PC.
 */
export const RestoreDialog = ({
  open,
  onClose,
  actor,
}: {
  open: boolean;
  onClose: () => void;
  actor: Actor;
}) => {
  const { t } = useTranslation();
  const { stage, problem, check, confirm, approve, discard } = useRestore(actor);
  const ownerPassword = useOwnerPassword();
  const [file, setFile] = useState<File>();
  const busy = stage.stage === 'reading' || stage.stage === 'safety' || stage.stage === 'switching';
  const preview = stage.stage === 'choose' || stage.stage === 'reading' ? undefined : stage.preview;
  // Until the preview says otherwise, a safety backup is what the words promise.
  const safety = stage.stage !== 'preview' || stage.safety;
  const foreignKey = stage.stage === 'preview' && stage.foreignKey;
  // A file sealed with another key goes ahead only once the owner has typed their password.
  const restore = (chosen: NonNullable<typeof preview>) =>
    foreignKey
      ? ownerPassword.ask('restore', (change) => approve(change, chosen))
      : void confirm(chosen);

  const close = () => {
    if (busy) return;
    discard();
    setFile(undefined);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('backups.restore.dialogTitle')}
      onCancel={close}
      closable={!busy}
      mask={{ closable: false }}
      width={640}
      destroyOnHidden
      footer={
        preview ? (
          <>
            <Button onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              danger={safety}
              loading={busy}
              onClick={() => restore(preview)}
              data-testid="restore-confirm"
            >
              {t(safety ? 'backups.restore.confirm' : 'backups.restore.confirmEmpty')}
            </Button>
          </>
        ) : null
      }
    >
      {preview ? (
        <RestorePreview preview={preview} safety={safety} foreignKey={foreignKey} />
      ) : (
        <Form<Values>
          name="restore-file"
          layout="vertical"
          requiredMark={false}
          disabled={busy}
          onFinish={({ passphrase }) => file && void check(file, passphrase)}
        >
          <Form.Item label={t('backups.restore.file')} required>
            <Upload
              accept=".cdbackup"
              maxCount={1}
              beforeUpload={(chosen) => {
                setFile(chosen);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'backup', name: file.name, status: 'done' }] : []}
            >
              <Button icon={<UploadOutlined />} data-testid="restore-choose-file">
                {t('backups.restore.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
          <Form.Item
            name="passphrase"
            label={t('backups.restore.passphrase')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!file} loading={busy}>
            {t('backups.restore.check')}
          </Button>
        </Form>
      )}
      {stage.stage === 'reading' && (
        <div style={{ marginTop: 16 }} data-testid="restore-progress">
          <Progress
            percent={Math.floor((stage.done / Math.max(stage.total, 1)) * 100)}
            status="active"
          />
          <Typography.Text type="secondary" data-testid="restore-phase">
            {stage.phase === 'checking'
              ? t('backups.restore.checkingEvidence', { rows: stage.rows.toLocaleString('en-US') })
              : t('backups.restore.checking', {
                  done: formatBytes(stage.done),
                  total: formatBytes(stage.total),
                  rows: stage.rows.toLocaleString('en-US'),
                })}
          </Typography.Text>
        </div>
      )}
      {stage.stage === 'safety' && (
        <Alert style={{ marginTop: 16 }} title={t('backups.restore.safety')} />
      )}
      {stage.stage === 'switching' && (
        <Alert style={{ marginTop: 16 }} type="success" title={t('backups.restore.switching')} />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={problem(t)}
          data-testid="restore-problem"
        />
      )}
      {ownerPassword.dialog}
    </Modal>
  );
};
