import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { login } from '../../db/session';
import { readSetting } from '../../db/settings';
import { useLanguage } from '../../i18n/use-language';
import { RecoverScreen } from '../recovery/recover-screen';
import { loginFailureText } from './login-result-text';

export const LoginScreen = ({ onLoggedIn }: { onLoggedIn: (staff: Staff) => void }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { language, setLanguage } = useLanguage();
  const clinic = useLiveQuery(() => readSetting(services.db, 'clinic'), [services.db]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [recovering, setRecovering] = useState(false);
  const [recovered, setRecovered] = useState<Staff>();
  // Back from setting a new password with the recovery code: the owner's name is filled in.
  useEffect(() => {
    if (recovered) form.setFieldsValue({ username: recovered.username, password: '' });
  }, [recovered, form]);

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

  if (recovering)
    return (
      <RecoverScreen
        onCancel={() => setRecovering(false)}
        onDone={(owner) => {
          setRecovered(owner);
          setRecovering(false);
        }}
      />
    );

  return (
    <div className="centered-page">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('common.appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{clinic?.name}</Typography.Paragraph>
        {recovered && !failure && (
          <Alert
            type="success"
            showIcon
            title={t('recovery.recovered', { name: recovered.displayName })}
            style={{ marginBottom: 16 }}
            data-testid="login-recovered"
          />
        )}
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
        <div style={{ marginTop: 8 }}>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            onClick={() => setRecovering(true)}
            data-testid="login-forgot"
          >
            {t('recovery.forgot')}
          </Button>
        </div>
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
