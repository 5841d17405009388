import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { actorOf, renameSharedUsername } from '../../db/staff';
import { UsernameField } from '../../ui/account-fields';
import type { StaffDialogProps } from './add-staff-dialog';
import { FormModal } from './form-modal';

type RenameValues = { username: string };

/**
 * Two PCs each made an account under one username before they synced: the owner gives one of
 * them a username of its own. The password stays; the owner tells the person.
 */
export const RenameUsernameDialog = ({
  me,
  staff,
  open,
  onClose,
  afterClose,
}: StaffDialogProps & { staff: Staff }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const [form] = Form.useForm<RenameValues>();

  const submit = async ({ username }: RenameValues) => {
    const saved = await renameSharedUsername(services, actorOf(me), staff.id, username);
    void message.success(
      t('staff.renameDialog.done', { name: saved.displayName, username: saved.username }),
    );
  };

  return (
    <FormModal<RenameValues>
      open={open}
      title={t('staff.renameDialog.title', { name: staff.displayName })}
      form={form}
      fields={['username']}
      submitText={t('staff.renameDialog.submit')}
      submitTestId="staff-rename-submit"
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Alert
        type="info"
        showIcon
        title={t('staff.renameDialog.body', { name: staff.displayName, username: staff.username })}
        style={{ marginBottom: 16 }}
      />
      <UsernameField label={t('staff.renameDialog.newUsername')} />
    </FormModal>
  );
};
