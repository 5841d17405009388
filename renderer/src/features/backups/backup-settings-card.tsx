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
import { isDailyTime } from '../../../../shared/backup/schedule';
import type { BackupSettings, BackupStatus } from '../../../../shared/bridge/backup-host';
import { backupHost, canChooseFolder } from '../../platform/backup-host';
import { errorMessage } from '../../ui/error-message';
import { useBackupState } from './backup-state';

type Values = { dailyTime: string; daily: number; weekly: number; monthly: number };

/** Where the backups go (a folder, or downloads), when they run, and how many are kept. */
export const BackupSettingsCard = ({ status }: { status: BackupStatus }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const host = backupHost();

  const act = async (work: () => Promise<BackupStatus>, done?: string) => {
    try {
      useBackupState.setState({ status: await work() });
      if (done) void message.success(done);
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };
  const save = ({ dailyTime, daily, weekly, monthly }: Values) => {
    const settings: BackupSettings = { dailyTime, rotation: { daily, weekly, monthly } };
    return act(() => host.saveSettings(settings), t('backups.settings.saved'));
  };
  const required = [{ required: true, message: t('common.required') }];
  const count = (max: number, min = 0) => (
    <InputNumber min={min} max={max} precision={0} style={{ width: 120 }} />
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
              <Button icon={<FolderOpenOutlined />} onClick={() => void act(host.chooseFolder)}>
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
          <Form.Item name="daily" label={t('backups.settings.daily')} rules={required}>
            {count(60, 1)}
          </Form.Item>
          <Form.Item name="weekly" label={t('backups.settings.weekly')} rules={required}>
            {count(52)}
          </Form.Item>
          <Form.Item name="monthly" label={t('backups.settings.monthly')} rules={required}>
            {count(120)}
          </Form.Item>
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
    </Card>
  );
};
