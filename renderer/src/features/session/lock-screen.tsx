import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { unlock } from '../../db/session';
import { loginFailureText } from './login-result-text';

/**
 * Covers the whole window while the screen it hides stays mounted underneath, so unlocking
 * returns to the same screen with nothing typed lost.
 */
export const LockScreen = ({
  staff,
  onUnlocked,
  onSwitchUser,
}: {
  staff: Staff;
  onUnlocked: (staff: Staff) => void;
  onSwitchUser: () => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ password: string }>();

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await unlock(services, staff, password);
      if (result.ok) onUnlocked(result.staff);
      else {
        setFailure(loginFailureText(t, result));
        form.setFieldValue('password', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="lock-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={t('session.lockedTitle')}
    >
      <Card style={{ width: 400 }}>
        <Typography.Title level={3}>
          <LockOutlined /> {t('session.lockedTitle')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('session.lockedBody', { name: staff.displayName })}
        </Typography.Paragraph>
        <Form name="unlock" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="password"
            label={t('session.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure}
              style={{ marginBottom: 16 }}
              role="alert"
              data-testid="login-failure"
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('session.unlock')}
            </Button>
            <Button onClick={onSwitchUser}>{t('session.switchUser')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
};
