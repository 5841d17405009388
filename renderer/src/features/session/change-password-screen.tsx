import { Button, Card, Form, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { changeOwnPassword, temporaryPasswordOrigin } from '../../db/staff';
import { NewPasswordFields } from '../../ui/account-fields';
import { placeFailure } from '../staff/form-failure';

type Values = { password: string; passwordConfirm: string };

/**
 * A new account's first login, or the first after the owner reset the password: its holder
 * chooses their own before anything else, or logs out (someone else may have sat down).
 */
export const ChangePasswordScreen = ({
  staff,
  onChanged,
  onLogout,
}: {
  staff: Staff;
  onChanged: (staff: Staff) => void;
  onLogout: () => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const origin = useLiveQuery(
    () => temporaryPasswordOrigin(services.db, staff.id),
    [services.db, staff.id],
  );

  const submit = async ({ password }: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onChanged(await changeOwnPassword(services, staff.id, password));
    } catch (error) {
      const placed = placeFailure(t, error, ['password']);
      if (placed.field) form.setFields([{ name: 'password', errors: [placed.message] }]);
      else setFailure(placed.message);
      setBusy(false);
    }
  };

  return (
    <div className="centered-page">
      <Card style={{ width: 440 }}>
        <Typography.Title level={3}>{t('session.mustChangeTitle')}</Typography.Title>
        {origin && (
          <Typography.Paragraph data-testid="must-change-body">
            {t(
              origin === 'reset' ? 'session.mustChangeAfterReset' : 'session.mustChangeNewAccount',
              {
                name: staff.displayName,
              },
            )}
          </Typography.Paragraph>
        )}
        <Form
          name="first-password"
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
        >
          <NewPasswordFields label={t('account.newPassword')} username={staff.username} />
          {failure && (
            <Typography.Paragraph type="danger" role="alert">
              {failure}
            </Typography.Paragraph>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
            <Button onClick={onLogout} data-testid="must-change-logout">
              {t('session.logoutInstead')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
};
