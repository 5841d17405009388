import { FolderOpenOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  MIN_ROTATION,
  NEW_KEY_BACKUP_DAYS,
  type RotationPeriod,
} from '../../../../shared/backup/rotation';
import { isDailyTime } from '../../../../shared/backup/schedule';
import type { BackupSettings, BackupStatus } from '../../../../shared/bridge/backup-host';
import { chooseBackupFolder, saveBackupSettings } from '../../db/backup-settings';
import { canChooseFolder } from '../../platform/backup-host';
import { useBackupState } from './backup-state';
import { useOwnerPassword } from './owner-password';

type Values = { dailyTime: string; daily: number; weekly: number; monthly: number };

/** Where the backups go (a folder, or downloads), when they run, and how many are kept. */
export const BackupSettingsCard = ({ status }: { status: BackupStatus }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const owner = useOwnerPassword();

  const save = ({ dailyTime, daily, weekly, monthly }: Values) => {
    const settings: BackupSettings = { dailyTime, rotation: { daily, weekly, monthly } };
    owner.ask('settings', async (change) => {
      useBackupState.setState({ status: await saveBackupSettings(change, settings) });
      void message.success(t('backups.settings.saved'));
    });
  };
  const chooseFolder = () =>
    owner.ask('folder', async (change) => {
      useBackupState.setState({ status: await chooseBackupFolder(change) });
    });
  const required = { required: true, message: t('common.required') };
  /** Fewer than the minimum is refused with the minimum named, not silently raised to it. */
  const count = (period: RotationPeriod, max: number) => (
    <Form.Item
      name={period}
      label={t(`backups.settings.${period}`)}
      rules={[
        required,
        {
          type: 'number',
          min: MIN_ROTATION[period],
          message: t('backups.guard.atLeast', { min: MIN_ROTATION[period] }),
        },
      ]}
    >
      <InputNumber min={0} max={max} precision={0} style={{ width: 120 }} />
    </Form.Item>
  );

  return (
    <Card title={t('backups.settings.title')}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('backups.settings.folder')}>
          <Space orientation="vertical">
            <Typography.Text data-testid="backup-folder">
              {status.folder
                ? t('backups.settings.folderChosen', { name: status.folder })
                : canChooseFolder()
                  ? t('backups.settings.folderNone')
                  : t('backups.settings.folderUnsupported')}
            </Typography.Text>
            {canChooseFolder() && (
              <Button icon={<FolderOpenOutlined />} onClick={chooseFolder}>
                {t('backups.settings.chooseFolder')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {/* Labels above the boxes: inline, the four fields ran into each other and wrapped. */}
      <Form
        name="backup-settings"
        layout="vertical"
        requiredMark={false}
        initialValues={{ dailyTime: status.settings.dailyTime, ...status.settings.rotation }}
        onFinish={save}
      >
        <Flex gap={24} wrap align="end">
          <Form.Item
            name="dailyTime"
            label={t('backups.settings.dailyTime')}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  if (!isDailyTime(value ?? ''))
                    throw new Error(t('backups.settings.dailyTimeInvalid'));
                },
              },
            ]}
          >
            <Input style={{ width: 96 }} placeholder="18:30" />
          </Form.Item>
          {count('daily', 60)}
          {count('weekly', 52)}
          {count('monthly', 120)}
          <Form.Item>
            <Button htmlType="submit">{t('backups.settings.save')}</Button>
          </Form.Item>
        </Flex>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('backups.twoSentences', {
          first: t('backups.settings.dailyTimeHint'),
          second: t('backups.settings.rotationHint'),
        })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('backups.twoSentences', {
          first: t('backups.guard.minimumHint', MIN_ROTATION),
          second: t('backups.guard.keyChangeHint', { days: NEW_KEY_BACKUP_DAYS }),
        })}
      </Typography.Paragraph>
      {owner.dialog}
    </Card>
  );
};
