import { Alert, App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { recordSessionEvent } from '../../db/session';
import { actorOf, setStaffActive } from '../../db/staff';
import type { StaffDialogProps } from './add-staff-dialog';
import { FormModal } from './form-modal';
import { ReasonField } from './staff-fields';

type ReasonValues = { reason?: string };

/**
 * Deactivating needs a reason (PRODUCT §7.2) and is refused for the clinic's last owner; the
 * person's name stays on everything they did. Reactivating takes an optional note.
 */
export const SetActiveDialog = ({
  me,
  staff,
  open,
  onClose,
  afterClose,
}: StaffDialogProps & { staff: Staff }) => {
  const { t } = useTranslation();
  const services = useServices();
  const signOut = useSession((state) => state.signOut);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReasonValues>();
  const deactivating = staff.active;
  const texts = deactivating ? 'staff.deactivateDialog' : 'staff.reactivateDialog';
  const isMe = staff.id === me.id;

  const submit = async ({ reason }: ReasonValues) => {
    await setStaffActive(services, actorOf(me), staff.id, !deactivating, reason ?? '');
    void message.success(t(`${texts}.done`, { name: staff.displayName }));
    if (deactivating && isMe) {
      // A deactivated account cannot stay signed in: leave exactly as "Log out" does.
      await recordSessionEvent(services, me, 'logout');
      navigate('/today');
      signOut();
    }
  };

  return (
    <FormModal<ReasonValues>
      open={open}
      title={t(`${texts}.title`, { name: staff.displayName })}
      form={form}
      fields={['reason']}
      danger={deactivating}
      submitText={t(`${texts}.submit`)}
      submitTestId={deactivating ? 'staff-deactivate-submit' : 'staff-reactivate-submit'}
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>{t(`${texts}.body`, { name: staff.displayName })}</Typography.Paragraph>
      {deactivating && isMe && (
        <Alert
          type="warning"
          showIcon
          title={t('staff.deactivateDialog.self')}
          style={{ marginBottom: 16 }}
        />
      )}
      {deactivating ? (
        <ReasonField
          required
          label={t('staff.deactivateDialog.reason')}
          placeholder={t('staff.deactivateDialog.reasonPlaceholder')}
        />
      ) : (
        <ReasonField required={false} label={t('staff.reactivateDialog.reason')} />
      )}
    </FormModal>
  );
};
