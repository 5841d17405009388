import { App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { actorOf, resetStaffPassword } from '../../db/staff';
import { NewPasswordFields } from '../../ui/account-fields';
import type { StaffDialogProps } from './add-staff-dialog';
import { FormModal } from './form-modal';

type ResetValues = { password: string; passwordConfirm: string };

/** The owner sets a temporary password; the repository makes its holder replace it at next login. */
export const ResetPasswordDialog = ({
  me,
  staff,
  open,
  onClose,
  afterClose,
}: StaffDialogProps & { staff: Staff }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();

  const submit = async ({ password }: ResetValues) => {
    await resetStaffPassword(services, actorOf(me), staff.id, password);
    void message.success(t('staff.resetDialog.done', { name: staff.displayName }));
  };

  return (
    <FormModal<ResetValues>
      open={open}
      title={t('staff.resetDialog.title', { name: staff.displayName })}
      form={form}
      fields={['password']}
      submitText={t('staff.resetDialog.submit')}
      submitTestId="staff-reset-submit"
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>
        {t('staff.resetDialog.body', { name: staff.displayName })}
      </Typography.Paragraph>
      <NewPasswordFields label={t('staff.addDialog.temporaryPassword')} username={staff.username} />
    </FormModal>
  );
};
