import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRecoveryCode } from '../../../../shared/auth/recovery-code';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { recoverPassword } from '../../db/recovery';
import { NewPasswordFields } from '../../ui/account-fields';
import { placeFailure } from '../staff/form-failure';
import { RecoveryCodeScreen, type ShownCode } from './recovery-code-sheet';

type Values = { code: string; password: string; passwordConfirm: string };

/** A wrong or throttled code is told on the code box, a refused password on the password box. */
const FIELDS = ['code', 'password'] as const;

/**
 * "Forgot password?" from the login screen: the owner's recovery code and a new password. On
 * success the new code replacing the used one is shown once; then back to the login screen.
 */
export const RecoverScreen = ({
  onCancel,
  onDone,
}: {
  onCancel: () => void;
  onDone: (owner: Staff) => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [result, setResult] = useState<{ owner: Staff; shown: ShownCode }>();

  const submit = async ({ code, password }: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { owner, recoveryCode } = await recoverPassword(services, code, password);
      setResult({ owner, shown: { code: recoveryCode, owner, occasion: 'recovered' } });
    } catch (error) {
      const placed = placeFailure(t, error, FIELDS);
      if (placed.field)
        form.setFields([{ name: placed.field as keyof Values, errors: [placed.message] }]);
      else setFailure(placed.message);
    } finally {
      setBusy(false);
    }
  };

  if (result)
    return <RecoveryCodeScreen shown={result.shown} onDone={() => onDone(result.owner)} />;

  return (
    <div className="centered-page">
      <Card style={{ width: 480 }}>
        <Typography.Title level={3}>{t('recovery.recoverTitle')}</Typography.Title>
        <Typography.Paragraph>{t('recovery.recoverIntro')}</Typography.Paragraph>
        <Alert type="info" showIcon title={t('recovery.recoverWho')} style={{ marginBottom: 16 }} />
        <Form name="recover" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="code"
            label={t('recovery.code')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value && !parseRecoveryCode(value))
                    throw new Error(t('recovery.codeInvalid'));
                },
              },
            ]}
          >
            <Input
              prefix={<KeyOutlined />}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder="ABCD-EFGH-JKMN-PQRS-TUVW"
            />
          </Form.Item>
          <NewPasswordFields label={t('account.newPassword')} />
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure}
              role="alert"
              style={{ marginBottom: 16 }}
            />
          )}
          <Space>
            <Button onClick={onCancel} disabled={busy}>
              {t('recovery.backToLogin')}
            </Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="recover-submit">
              {busy ? t('recovery.recovering') : t('recovery.recover')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
};
