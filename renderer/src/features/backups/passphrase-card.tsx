import { App, Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { assessPassphrase } from '../../../../shared/backup/passphrase';
import { setBackupPassphrase } from '../../db/backup-settings';
import { persistStorage } from '../../platform/backup-host';
import { useBackupState } from './backup-state';
import { useOwnerPassword } from './owner-password';

type Values = { passphrase: string; passphraseConfirm: string };

/** Sets or changes the backup passphrase: the only key to every backup (PRODUCT.md §5.3). */
export const PassphraseCard = ({
  isSet,
  keyStorage,
}: {
  isSet: boolean;
  /** Desktop only: where the key is kept; 'this-session' when the PC has no keychain. */
  keyStorage?: 'os-keychain' | 'this-session';
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const owner = useOwnerPassword();

  // The passphrase is checked here first; the owner's password only for one worth saving.
  const save = ({ passphrase }: Values) =>
    owner.ask('passphrase', async (change) => {
      useBackupState.setState({ status: await setBackupPassphrase(change, passphrase) });
      form.resetFields();
      void message.success(t('backups.passphrase.saved'));
      void persistStorage().then((persisted) => useBackupState.setState({ persisted }));
    });

  return (
    <Card title={t('backups.passphrase.title')}>
      <Alert type="warning" showIcon title={t('backups.passphrase.warning')} />
      {keyStorage === 'this-session' && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={t('backups.passphrase.thisSession')}
          data-testid="backup-key-this-session"
        />
      )}
      {isSet && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="backup-passphrase-set">
          {t('backups.twoSentences', {
            first: t('backups.passphrase.isSet'),
            second: t('backups.passphrase.changeNote'),
          })}
        </Typography.Paragraph>
      )}
      <Form
        name="backup-passphrase"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        style={{ marginTop: 16, maxWidth: 420 }}
      >
        <Form.Item
          name="passphrase"
          label={t('backups.passphrase.field')}
          extra={t('backups.passphrase.hint')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? await assessPassphrase(value) : undefined;
                if (problem === 'too-short') throw new Error(t('backups.passphrase.tooShort'));
                if (problem === 'too-long') throw new Error(t('backups.passphrase.tooLong'));
                if (problem)
                  throw new Error(
                    t('backups.passphrase.guessable', { rule: t(`account.strength.${problem}`) }),
                  );
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passphraseConfirm"
          label={t('backups.passphrase.confirm')}
          dependencies={['passphrase']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('passphrase'))
                  throw new Error(t('backups.passphrase.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="backup-passphrase-save">
          {isSet ? t('backups.passphrase.change') : t('backups.passphrase.set')}
        </Button>
      </Form>
      {owner.dialog}
    </Card>
  );
};
