import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { changeOwnPassword } from '../../db/staff';
import { NewPasswordFields } from '../../ui/account-fields';
import { placeFailure } from '../staff/form-failure';

type Values = { currentPassword: string; password: string };

/** A wrong current password or a refused new one is shown on its own field. */
const FIELDS = ['currentPassword', 'password'] as const;

export const ChangePasswordCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const signIn = useSession((state) => state.signIn);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ currentPassword, password }: Values) => {
    setBusy(true);
    try {
      signIn(await changeOwnPassword(services, staff.id, password, currentPassword));
      form.resetFields();
      void message.success(t('session.passwordChanged'));
    } catch (error) {
      const placed = placeFailure(t, error, FIELDS);
      if (placed.field)
        form.setFields([{ name: placed.field as keyof Values, errors: [placed.message] }]);
      else void message.error(placed.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('settings.passwordSection')}>
      <Form
        name="change-password"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
      >
        <Form.Item
          name="currentPassword"
          label={t('settings.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields label={t('account.newPassword')} username={staff.username} />
        <Button htmlType="submit" loading={busy} data-testid="change-password-submit">
          {t('settings.changePassword')}
        </Button>
      </Form>
    </Card>
  );
};
