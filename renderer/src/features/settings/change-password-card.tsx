import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { changeOwnPassword } from '../../db/staff';
import { NewPasswordFields } from '../../ui/account-fields';
import { useSave } from './use-save';

export const ChangePasswordCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const signIn = useSession((state) => state.signIn);
  const [form] = Form.useForm<{ currentPassword: string; password: string }>();
  const { busy, run } = useSave();
  const submit = async ({ password }: { password: string }) => {
    const saved = await run(async () =>
      signIn(await changeOwnPassword(services, staff.id, password)),
    );
    if (saved) form.resetFields();
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
        <Button htmlType="submit" loading={busy}>
          {t('settings.changePassword')}
        </Button>
      </Form>
    </Card>
  );
};
