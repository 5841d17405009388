import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { changeOwnPassword } from '../../db/staff';
import { NewPasswordFields } from '../../ui/account-fields';
import { errorMessage } from '../../ui/error-message';

/** After the owner resets a password, its holder chooses their own before anything else. */
export const ChangePasswordScreen = ({
  staff,
  onChanged,
}: {
  staff: Staff;
  onChanged: (staff: Staff) => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onChanged(await changeOwnPassword(services, staff.id, password));
    } catch (error) {
      setFailure(errorMessage(t, error));
      setBusy(false);
    }
  };

  return (
    <div className="centered-page">
      <Card style={{ width: 440 }}>
        <Typography.Title level={3}>{t('session.mustChangeTitle')}</Typography.Title>
        <Typography.Paragraph>{t('session.mustChangeBody')}</Typography.Paragraph>
        <Form name="first-password" layout="vertical" requiredMark={false} onFinish={submit}>
          <NewPasswordFields label={t('account.newPassword')} username={staff.username} />
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
};
