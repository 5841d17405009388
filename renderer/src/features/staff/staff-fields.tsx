import { Checkbox, Form, Input } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../shared/auth/roles';

export const REASON_MAX = 200;

/**
 * The roles a person holds: several may be ticked (the owner who is also the dentist, the front
 * desk who also dispenses); they may do what any of them may.
 */
export const RolesField = () => {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="roles"
      label={t('account.roles')}
      extra={t('staff.rolesHint')}
      rules={[{ required: true, type: 'array', min: 1, message: t('staff.rolesRequired') }]}
    >
      <Checkbox.Group
        options={roles.map((role) => ({
          value: role,
          label: <span data-testid={`staff-role-${role}`}>{t(`common.roles.${role}`)}</span>,
        }))}
        data-testid="staff-roles"
      />
    </Form.Item>
  );
};

/**
 * A reason is a sentence, so it gets a text area; Enter still submits the dialog like every other
 * field (Shift+Enter for a new line), but not while a Chinese input method is choosing characters.
 */
export const ReasonField = ({
  label,
  placeholder,
  required,
}: {
  label: string;
  placeholder?: string;
  required: boolean;
}) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const submitOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    form.submit();
  };
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        { required, whitespace: required, message: t('common.required') },
        { max: REASON_MAX, message: t('staff.reasonTooLong', { max: REASON_MAX }) },
      ]}
    >
      <Input.TextArea
        placeholder={placeholder}
        autoSize={{ minRows: 2, maxRows: 5 }}
        showCount
        maxLength={REASON_MAX}
        onKeyDown={submitOnEnter}
        data-testid="staff-reason"
      />
    </Form.Item>
  );
};
