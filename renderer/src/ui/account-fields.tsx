import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import {
  assessPassword,
  checkPasswordStrength,
  type PasswordProblem,
} from '../../../shared/auth/password';
import { USERNAME_PATTERN } from '../../../shared/staff/staff';
import { useDebounced } from './use-debounced';

export const DISPLAY_NAME_MAX = 40;

/** Full name and username, with the same limits the repository enforces. */
export const NameFields = ({ withUsername = true }: { withUsername?: boolean }) => {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="displayName"
        label={t('account.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('common.required') },
          { max: DISPLAY_NAME_MAX, message: t('account.nameTooLong', { max: DISPLAY_NAME_MAX }) },
        ]}
      >
        <Input placeholder={t('account.displayNamePlaceholder')} autoComplete="off" />
      </Form.Item>
      {withUsername && <UsernameField />}
    </>
  );
};

/** The login name, with the rules the repository enforces (lower case, letters and digits). */
export const UsernameField = ({ label }: { label?: string }) => {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="username"
      label={label ?? t('account.username')}
      extra={t('account.usernameHint')}
      normalize={(value: string) => value.trim().toLowerCase()}
      rules={[
        { required: true, message: t('common.required') },
        { pattern: USERNAME_PATTERN, message: t('account.usernameInvalid') },
      ]}
    >
      <Input autoComplete="off" spellCheck={false} />
    </Form.Item>
  );
};

/**
 * The rules a password breaks, as the person types: the quick rules at once, the dictionary's
 * verdict after a pause (it loads on first use). `undefined` while the verdict is pending.
 */
const usePasswordProblems = (password: string, username: string) => {
  const settled = useDebounced(password, 250);
  const [verdict, setVerdict] = useState<{ for: string; problems: PasswordProblem[] }>();
  useEffect(() => {
    let current = true;
    if (settled)
      void assessPassword(settled, username).then((problems) => {
        if (current) setVerdict({ for: `${username}\n${settled}`, problems });
      });
    return () => {
      current = false;
    };
  }, [settled, username]);
  if (verdict?.for === `${username}\n${password}`) return verdict.problems;
  const quick = checkPasswordStrength(password, username);
  return quick.length > 0 ? quick : undefined;
};

const StrengthList = ({ password, username }: { password: string; username: string }) => {
  const { t } = useTranslation();
  const problems = usePasswordProblems(password, username);
  return (
    <Space orientation="vertical" size={0} data-testid="password-strength">
      {problems === undefined ? (
        <Typography.Text type="secondary">{t('account.strength.checking')}</Typography.Text>
      ) : problems.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('account.strength.ok')}
        </Typography.Text>
      ) : (
        problems.map((problem) => (
          <Typography.Text type="danger" key={problem}>
            <CloseCircleFilled /> {t(`account.strength.${problem}`)}
          </Typography.Text>
        ))
      )}
    </Space>
  );
};

/**
 * New password twice, with a live strength check that says what is missing. `username` is for
 * forms that do not have a username field (password reset and change).
 */
export const NewPasswordFields = ({
  label,
  username: fixedUsername,
}: {
  label?: string;
  username?: string;
}) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const password = (Form.useWatch('password', form) as string | undefined) ?? '';
  const typedUsername = Form.useWatch('username', form) as string | undefined;
  const username = fixedUsername ?? typedUsername ?? '';
  return (
    <>
      <Form.Item
        name="password"
        label={label ?? t('account.password')}
        extra={password ? <StrengthList password={password} username={username} /> : undefined}
        rules={[
          { required: true, message: t('common.required') },
          {
            validator: async (_rule, value: string | undefined) => {
              const [rule] = value ? await assessPassword(value, username) : [];
              if (rule)
                throw new Error(t('errors.weak-password', { rule: t(`account.strength.${rule}`) }));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="passwordConfirm"
        label={t('account.passwordConfirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('password'))
                throw new Error(t('account.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
};
