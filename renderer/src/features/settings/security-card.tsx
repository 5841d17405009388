import { Alert, Button, Card, Form, InputNumber } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import { DEFAULT_SECURITY, type SecuritySettings } from '../../../../shared/settings/settings';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { readSetting, saveSetting } from '../../db/settings';
import { actorOf } from '../../db/staff';
import { useSave } from './use-save';

export const SecurityCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const security = useLiveQuery(
    async () => (await readSetting(services.db, 'security')) ?? DEFAULT_SECURITY,
    [services.db],
  );
  const { busy, run } = useSave();
  const editable = can(staff.roles, 'settings.security');
  if (!security) return null;
  return (
    <Card title={t('settings.securitySection')}>
      {!editable && (
        <Alert type="info" title={t('settings.securityReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<SecuritySettings>
        name="security"
        layout="vertical"
        initialValues={security}
        disabled={!editable}
        requiredMark={false}
        onFinish={(values) => run(() => saveSetting(services, actorOf(staff), 'security', values))}
      >
        <Form.Item
          name="lockMinutes"
          label={t('settings.lockMinutes')}
          extra={t('settings.lockMinutesHint')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 1,
              max: 120,
              message: t('settings.lockMinutesInvalid'),
            },
          ]}
        >
          <InputNumber min={1} max={120} precision={0} data-testid="lock-minutes" />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-security">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
};
