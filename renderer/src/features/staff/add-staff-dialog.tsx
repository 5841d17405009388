import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/auth/roles';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { actorOf, addStaff } from '../../db/staff';
import { NameFields, NewPasswordFields } from '../../ui/account-fields';
import { FormModal } from './form-modal';
import { RolesField } from './staff-fields';

/** What every staff dialog gets from the screen: who acts, and the open/close handshake. */
export type StaffDialogProps = {
  me: Staff;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
};

type AddValues = {
  displayName: string;
  username: string;
  roles: Role[];
  password: string;
  passwordConfirm: string;
};

export const AddStaffDialog = ({ me, open, onClose, afterClose }: StaffDialogProps) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();

  const submit = async ({ displayName, username, roles, password }: AddValues) => {
    const added = await addStaff(services, actorOf(me), {
      displayName,
      username,
      roles,
      password,
    });
    void message.success(t('staff.addDialog.done', { name: added.displayName }));
  };

  return (
    <FormModal<AddValues>
      open={open}
      title={t('staff.addDialog.title')}
      form={form}
      fields={['displayName', 'username', 'roles', 'password']}
      submitText={t('staff.addDialog.submit')}
      submitTestId="staff-add-submit"
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <NameFields />
      <RolesField />
      <Alert
        type="info"
        showIcon
        title={t('staff.addDialog.passwordNote')}
        style={{ marginBottom: 16 }}
      />
      <NewPasswordFields label={t('staff.addDialog.temporaryPassword')} />
    </FormModal>
  );
};
