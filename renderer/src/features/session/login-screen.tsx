import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { login } from '../../db/session';
import { readSetting } from '../../db/settings';
import { useLanguage } from '../../i18n/use-language';
import { loginFailureText } from './login-result-text';

export const LoginScreen = ({ onLoggedIn }: { onLoggedIn: (staff: Staff) => void }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { language, setLanguage } = useLanguage();
  const clinic = useLiveQuery(() => readSetting(services.db, 'clinic'), [services.db]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ username: string; password: string }>();

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await login(services, username, password);
      if (result.ok) {
        onLoggedIn(result.staff);
        return;
      }
      setFailure(loginFailureText(t, result));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="centered-page">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('common.appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{clinic?.name}</Typography.Paragraph>
        <Form name="login" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="username"
            label={t('session.username')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('session.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
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
          <Button type="primary" htmlType="submit" block loading={busy}>
            {busy ? t('session.loggingIn') : t('session.login')}
          </Button>
        </Form>
        <Radio.Group
          size="small"
          style={{ marginTop: 16 }}
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
          options={[
            { value: 'zh-CN', label: t('common.languages.zh-CN') },
            { value: 'en', label: t('common.languages.en') },
          ]}
          optionType="button"
        />
      </Card>
    </div>
  );
};
