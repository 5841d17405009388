import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/auth/roles';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { actorOf, updateStaffProfile } from '../../db/staff';
import { NameFields } from '../../ui/account-fields';
import type { StaffDialogProps } from './add-staff-dialog';
import { FormModal } from './form-modal';
import { RolesField } from './staff-fields';

type EditValues = { displayName: string; roles: Role[] };

/** Name and roles only: the username is the login and never changes; passwords have their own dialog. */
export const EditStaffDialog = ({
  me,
  staff,
  open,
  onClose,
  afterClose,
}: StaffDialogProps & { staff: Staff }) => {
  const { t } = useTranslation();
  const services = useServices();
  const signIn = useSession((state) => state.signIn);
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const roles = Form.useWatch('roles', form);
  const isMe = staff.id === me.id;

  const submit = async ({ displayName, roles: newRoles }: EditValues) => {
    const saved = await updateStaffProfile(services, actorOf(me), staff.id, {
      displayName,
      roles: newRoles,
    });
    // The session holds who is at the keyboard: it must show the new name, and the new roles must take effect.
    if (isMe) signIn(saved);
    void message.success(t('staff.editDialog.done', { name: saved.displayName }));
  };

  return (
    <FormModal<EditValues>
      open={open}
      title={t('staff.editDialog.title', { name: staff.displayName })}
      form={form}
      fields={['displayName', 'roles']}
      initialValues={{ displayName: staff.displayName, roles: staff.roles }}
      submitText={t('staff.editDialog.submit')}
      submitTestId="staff-edit-submit"
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <NameFields withUsername={false} />
      <RolesField />
      {isMe && roles !== undefined && !roles.includes('owner') && (
        <Alert
          type="warning"
          showIcon
          title={t('staff.editDialog.ownRoleNote')}
          style={{ marginBottom: 16 }}
        />
      )}
    </FormModal>
  );
};
