import { bilingual } from '../i18n/bilingual';

/** Fields of a staff account, shared by the setup wizard, the staff screen and password changes. */
export const accountText = bilingual(
  {
    displayName: '姓名',
    displayNamePlaceholder: '例如：李娜',
    username: '用户名（登录用）',
    usernameHint: '小写字母、数字、点、下划线或连字符，2–32 位，例如 lina',
    usernameInvalid: '用户名格式不正确：以小写字母或数字开头，2–32 位',
    role: '角色',
    password: '密码',
    newPassword: '新密码',
    passwordConfirm: '再次输入密码',
    passwordMismatch: '两次输入的密码不一致',
    nameTooLong: '不超过 {{max}} 个字',
    strength: {
      ok: '密码强度合格',
      'too-short': '至少 8 位',
      'too-long': '不超过 128 位',
      'too-simple': '需包含大写字母、小写字母、数字、符号中的三类（或 14 位以上的短语）',
      'contains-username': '不能包含用户名',
      common: '这是常见密码，请换一个',
    },
  },
  {
    displayName: 'Full name',
    displayNamePlaceholder: 'e.g. Li Na',
    username: 'Username (for logging in)',
    usernameHint:
      'Lower-case letters, digits, dot, underscore or hyphen, 2–32 characters, e.g. lina',
    usernameInvalid: 'Invalid username: start with a lower-case letter or digit, 2–32 characters',
    role: 'Role',
    password: 'Password',
    newPassword: 'New password',
    passwordConfirm: 'Repeat the password',
    passwordMismatch: 'The two passwords differ',
    nameTooLong: 'At most {{max}} characters',
    strength: {
      ok: 'Password is strong enough',
      'too-short': 'At least 8 characters',
      'too-long': 'At most 128 characters',
      'too-simple':
        'Mix three of upper case, lower case, digits and symbols (or use a phrase of 14+)',
      'contains-username': 'Must not contain the username',
      common: 'This is a common password; choose another',
    },
  },
);
